"""Geography: places, arcs and distances, basemap and map layers, geocoding."""
