// Runs first inside the map's iframe: streamlit-folium loads the map's scripts one by
// one and, when one fails, silently leaves a blank frame. This guard
//  1. gives CDN <script>/<link> tags their Subresource Integrity hash before the browser
//     fetches them (streamlit-folium creates the tags without one), and
//  2. when any script or stylesheet cannot load (offline and not installed, or a hash
//     mismatch), replaces the empty map with one sentence saying so.
// Geo/assets.py appends the call with {integrity: {url: "sha384-..."}, message: "..."}.
window.partnershipMapGuard = function (config) {
  "use strict";
  var integrity = config.integrity || {};
  var append = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) {
    if (child && (child.tagName === "SCRIPT" || child.tagName === "LINK")) {
      var url = child.tagName === "SCRIPT" ? child.src : child.href;
      if (integrity[url]) {
        child.integrity = integrity[url];
        child.crossOrigin = "anonymous";
      }
    }
    return append.call(this, child);
  };

  function showUnavailable() {
    if (document.getElementById("map-unavailable")) {
      return;
    }
    var note = document.createElement("p");
    note.id = "map-unavailable";
    note.setAttribute("role", "alert");
    // textContent: the message is text, never markup.
    note.textContent = config.message;
    note.style.cssText =
      "margin:0;padding:1.25rem 1.5rem;border:1px solid #c9a227;border-radius:6px;" +
      "background:#fff8e1;color:#3b2f00;font:18px/1.4 system-ui,sans-serif;";
    var map = document.getElementById("map_div");
    if (map) {
      map.style.display = "none";
    }
    document.body.insertBefore(note, document.body.firstChild);
    if (window.Streamlit) {
      window.Streamlit.setFrameHeight(document.body.scrollHeight + 8);
    }
  }

  // Load errors do not bubble; a capturing listener on window still sees them.
  window.addEventListener(
    "error",
    function (event) {
      var target = event.target;
      if (target && (target.tagName === "SCRIPT" || target.tagName === "LINK")) {
        showUnavailable();
      }
    },
    true
  );
};
