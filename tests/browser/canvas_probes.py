"""Probes of the map's canvas (mapview/partnership_canvas.js) that the browser tests and
bench/bench_canvas.py share: where a line can be pointed at alone, what the canvases show at a point, and whether a
picture is current."""

# In the map's frame: the point on a solid line with the most room around it (no other line
# and no marker near), and the clear spot furthest from every line and marker, both as
# [lat, lng], so that they can be found on screen again after the map moves; that line's id
# and where its point is on the page. Segments are
# filed in a grid of 16 px cells, so that 1,600 lines are searched in moments.
LINE_AND_CLEAR_SPOT_JS = """frame => {
  const w = frame.contentWindow, map = w.map, layer = map._partnershipLayer, L = w.L;
  const CELL = 16, REACH = 2;  // distances are searched up to 2 cells (32 px) away
  const size = map.getSize();
  const lines = layer._arcs.map(L.partnershipLayer.latLonPairs).map(arc => arc.map(point => map.latLngToContainerPoint(point)));
  const places = layer._view.places.latlon.map(latlon => map.latLngToContainerPoint(latlon));
  const cells = new Map();
  lines.forEach((points, i) => {
    for (let k = 1; k < points.length; k++) {
      const a = points[k - 1], b = points[k];
      for (let cx = Math.floor(Math.min(a.x, b.x) / CELL); cx <= Math.floor(Math.max(a.x, b.x) / CELL); cx++)
        for (let cy = Math.floor(Math.min(a.y, b.y) / CELL); cy <= Math.floor(Math.max(a.y, b.y) / CELL); cy++) {
          const key = cx + ',' + cy;
          if (!cells.has(key)) cells.set(key, []);
          cells.get(key).push([i, a, b]);
        }
    }
  });
  const room = (p, skip) => {
    let nearest = CELL * REACH;
    const cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL);
    for (let dx = -REACH; dx <= REACH; dx++)
      for (let dy = -REACH; dy <= REACH; dy++)
        for (const [i, a, b] of cells.get((cx + dx) + ',' + (cy + dy)) || [])
          if (i !== skip) nearest = Math.min(nearest, L.LineUtil.pointToSegmentDistance(p, a, b));
    for (const place of places) nearest = Math.min(nearest, place.distanceTo(p) - 10);
    return nearest;
  };
  const inside = p => p.x > 80 && p.y > 80 && p.x < size.x - 80 && p.y < size.y - 80;
  let line = null;
  lines.forEach((points, i) => {
    if (layer._lineStyle(i, false).dashArray) return;  // a dashed line may have a gap there
    for (let k = 4; k < points.length - 4; k += 2) {
      if (!inside(points[k])) continue;
      const r = room(points[k], i);
      if (!line || r > line.room) line = { i: i, p: points[k], room: r };
    }
  });
  let clear = null;
  for (let x = 80; x < size.x - 80; x += 8)
    for (let y = 80; y < size.y - 80; y += 8) {
      const p = L.point(x, y), r = room(p, -1);
      if (!clear || r > clear.room) clear = { p: p, room: r };
    }
  const latlng = p => { const ll = map.containerPointToLatLng(p); return [ll.lat, ll.lng]; };
  const box = frame.getBoundingClientRect();
  return {
    line: latlng(line.p), lineRoom: line.room, clear: latlng(clear.p), clearRoom: clear.room,
    id: layer._view.lines.ids[line.i], x: box.left + line.p.x, y: box.top + line.p.y,  // on the page
  };
}"""

# The canvas's picture is as new as the map's zoom: painted at this zoom, not only scaled.
PICTURE_AT_ZOOM_JS = """() => {
  const canvas = window.map._partnershipLayer._canvas;
  return canvas._zoom === window.map.getZoom() && !canvas._painting;
}"""

# Closer in, without animation: [[lat, lng], levels] -> the map centred there, `levels` zoom levels in.
CLOSER_IN_JS = "([latlng, levels]) => window.map.setView(latlng, window.map.getZoom() + levels, { animate: false })"


# In the map's frame: for each [lat, lng], the most opaque pixel (alpha 0-255) that the
# canvases matching the selector `canvases` show within a pixel of where the map puts that
# point now: what the reader sees there, read back from each canvas.
def alpha_at_js(canvases: str) -> str:
    return (
        """(frame, latlngs) => {
  const w = frame.contentWindow, map = w.map, doc = frame.contentDocument;
  const canvases = [...doc.querySelectorAll('"""
        + canvases
        + """')];
  const box = map.getContainer().getBoundingClientRect();
  const scratch = doc.createElement('canvas');
  scratch.width = scratch.height = 3;
  const ctx = scratch.getContext('2d', { willReadFrequently: true });
  return latlngs.map(latlng => {
    const p = map.latLngToContainerPoint(latlng);
    let most = 0;
    for (const canvas of canvases) {
      const r = canvas.getBoundingClientRect();
      if (!r.width || !canvas.width) continue;
      const x = (box.left + p.x - r.left) * canvas.width / r.width;
      const y = (box.top + p.y - r.top) * canvas.height / r.height;
      ctx.clearRect(0, 0, 3, 3);
      ctx.drawImage(canvas, Math.round(x) - 1, Math.round(y) - 1, 3, 3, 0, 0, 3, 3);
      const data = ctx.getImageData(0, 0, 3, 3).data;
      for (let k = 3; k < data.length; k += 4) most = Math.max(most, data[k]);
    }
    return most;
  });
}"""
    )
