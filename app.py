"""Ukraine Partnership Map: the entry point.

The frame (ui/frame.py) loads the data, configures the page, draws the shared sidebar and the
translated page list, and runs the page the reader asked for (pages/) inside the error guard.
"""

from ui.frame import run

run()
