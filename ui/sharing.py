"""Share the exact view as a link; download the filtered data and an offline map."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import urlencode

import streamlit as st

from partnerships.i18n import t
from ui.url_state import url_params

DEFAULT_APP_URL = "http://127.0.0.1:8501/"


def share_link() -> str:
    """The app's address plus the current view's state (filters, language, presenter, tour, step).

    Built from the state, not from the URL as the browser sent it: a value the app dropped
    (an unknown language or partnership) must not be passed on in a shared link.
    """
    base = st.context.url or DEFAULT_APP_URL
    query = urlencode(url_params())
    return f"{base}?{query}" if query else base


# A labelled button beside the link: st.code's copy icon shows only on hover and made every
# visitor download Streamlit's 1.5 MB syntax highlighter and a code font to show one line.
# Event delegation: Streamlit replaces this HTML on reruns, the listener stays.
_COPY_SCRIPT = """<script>(function () {
  if (window.partnershipMapShareReady) { return; }
  window.partnershipMapShareReady = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-share-copy]");
    if (!button) { return; }
    var box = button.closest(".share-link"), input = box.querySelector("input"),
        status = box.querySelector("[role=status]");
    var said = function (copied) { status.textContent = copied ? button.dataset.copied : button.dataset.failed; };
    var selectAndCopy = function () {
      input.focus(); input.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      said(copied);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () { said(true); }, selectAndCopy);
    } else {
      selectAndCopy();  // plain http on a host other than localhost: no Clipboard API
    }
  });
})();</script>"""

_SHARE_CSS = """<style>
.share-link { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.share-link input { flex: 1 1 16rem; min-width: 0; font: inherit; font-size: 0.9rem; padding: 0.45rem 0.6rem;
  border: 1px solid rgba(49, 51, 63, 0.25); border-radius: 0.5rem; background: #f1f4f8; color: inherit; }
.share-link button { font: inherit; padding: 0.4rem 0.85rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.25); background: #fff; color: inherit; }
.share-link button:hover { border-color: #0057b7; color: #0057b7; }
.share-link input:focus-visible, .share-link button:focus-visible { outline: 2px solid #0057b7; outline-offset: 1px; }
.share-link [role=status] { flex-basis: 100%; font-size: 0.875rem; color: #4b5563; min-height: 1.2em; }
</style>"""


def share_box_html(link: str, lang: str) -> str:
    """The link in a read-only field, a "Copy link" button and a status line read out when it copies."""
    return (
        f"{_SHARE_CSS}<div class='share-link'>"
        f"<input type='text' readonly value='{escape(link, quote=True)}' "
        f"aria-label='{escape(t('share_link_label', lang), quote=True)}'>"
        f"<button type='button' data-share-copy data-copied='{escape(t('link_copied', lang), quote=True)}' "
        f"data-failed='{escape(t('link_not_copied', lang), quote=True)}'>{escape(t('copy_link', lang))}</button>"
        f"<span role='status' aria-live='polite'></span></div>{_COPY_SCRIPT}"
    )


def share_box(lang: str) -> None:
    st.subheader(t("share_heading", lang))
    st.html(share_box_html(share_link(), lang), unsafe_allow_javascript=True)
    st.caption(t("share_help", lang))


def downloads(
    partnerships_csv: Callable[[], bytes],
    funding_csv: Callable[[], bytes],
    offline_map_html: Callable[[], str] | None,
    lang: str,
    suffix: str,
) -> None:
    """CSV downloads, and the offline map unless this server lacks the files to pack (`offline_map_html` None).

    The files are made when clicked, and a click does not rerun the page: nothing on it
    changes, and a rerun racing the file's making could drop the file it was making.
    """
    st.subheader(t("export_heading", lang))
    st.download_button(
        t("export_partnerships_csv", lang),
        partnerships_csv,
        f"partnerships{suffix}.csv",
        "text/csv",
        key="dl_partnerships",
        on_click="ignore",
    )
    st.download_button(
        t("export_funding_csv", lang),
        funding_csv,
        f"funding{suffix}.csv",
        "text/csv",
        key="dl_funding",
        on_click="ignore",
    )
    if offline_map_html is None:
        st.caption(t("export_map_unavailable", lang))
        return
    # Built only when clicked: inlining Leaflet and the outlines takes a moment.
    st.download_button(
        t("export_map_html", lang),
        offline_map_html,
        f"partnership-map{suffix}.html",
        "text/html",
        key="dl_map",
        help=t("export_map_help", lang),
        on_click="ignore",
    )
