// The partnership layer: one Leaflet layer that draws a view of the data on a map that stays.
//
// Python (mapview/layers.py) sends a compact view: places as rows, lines as indexes into
// them, styles as indexes into small tables. The arcs are bent here, in the browser, so a
// line costs tens of bytes instead of its 49 points; above a threshold lines and places go
// to one canvas that draws them itself (partnership_canvas.js) instead of one SVG path each.
// A filter change, a tour step or a language switch replaces this layer only: the map, its
// zoom and its pan stay, and the outlines are not fetched again.
//
// What tests and users can count is written on the map container once the view's lines are
// on screen (a canvas painted in a worker shows them a moment after the view is added):
//   data-lines-drawn, data-selected, data-renderer ("svg" or "canvas"), data-view-updates,
//   and data-camera="settled" once the first view is framed at the frame's final size.
// The canvas says who paints it: data-painted-in="worker" or "page".
// In SVG, every line is a path with classes "partnership partnership-<id>" (+ "selected").
(function () {
  "use strict";

  var SEGMENTS = 48;
  var LINE_WEIGHT = 4;
  var SELECTED_WEIGHT = 8;
  var DIMMED_OPACITY = 0.2;
  var LINE_OPACITY = 0.95;
  // Places closer than this on screen are one group with one label ("Copenhagen, Gentofte").
  var GROUP_RADIUS_PX = 16;
  var LABEL_GAP_PX = 12;
  // Label positions are tried at these distances from the marker, nearest first.
  var LABEL_RINGS = [LABEL_GAP_PX, 26, 44];
  // A group with no room for its label joins a label at most this far away.
  var JOIN_RADIUS_PX = 90;
  var MAX_NAMES_IN_GROUP = 3;
  // Below this width the legend starts folded (one click opens it): open, it would take
  // 40% of a presenter's 1,091 px map.
  var NARROW_MAP_PX = 1200;

  // ---- geometry: the same great-circle arc, bowed sideways, as geo/arcs.py ----------------
  function toVector(lat, lon) {
    var phi = (lat * Math.PI) / 180;
    var lambda = (lon * Math.PI) / 180;
    return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
  }

  // The arc as flat numbers, [lat0, lon0, lat1, lon1, ...]: at 1,000 lines, arrays per point
  // were 150,000 small objects to make and collect on every filter change.
  function arcLatLons(start, end, bend) {
    var a = toVector(start[0], start[1]);
    var b = toVector(end[0], end[1]);
    var dot = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
    var omega = Math.acos(dot);
    if (omega < 1e-9) {
      return Float64Array.of(start[0], start[1], end[0], end[1]);
    }
    var nx = a[1] * b[2] - a[2] * b[1];
    var ny = a[2] * b[0] - a[0] * b[2];
    var nz = a[0] * b[1] - a[1] * b[0];
    var length = Math.sqrt(nx * nx + ny * ny + nz * nz);
    nx /= length;
    ny /= length;
    nz /= length;
    var sinOmega = Math.sin(omega);
    var flat = new Float64Array(2 * (SEGMENTS + 1));
    for (var step = 1; step < SEGMENTS; step++) {
      var t = step / SEGMENTS;
      var wa = Math.sin((1 - t) * omega) / sinOmega;
      var wb = Math.sin(t * omega) / sinOmega;
      var theta = bend * omega * Math.sin(Math.PI * t);
      var c = Math.cos(theta);
      var s = Math.sin(theta);
      var x = c * (wa * a[0] + wb * b[0]) + s * nx;
      var y = c * (wa * a[1] + wb * b[1]) + s * ny;
      var z = c * (wa * a[2] + wb * b[2]) + s * nz;
      flat[2 * step] = (Math.atan2(z, Math.sqrt(x * x + y * y)) * 180) / Math.PI;
      flat[2 * step + 1] = (Math.atan2(y, x) * 180) / Math.PI;
    }
    flat[0] = start[0];
    flat[1] = start[1];
    flat[2 * SEGMENTS] = end[0];
    flat[2 * SEGMENTS + 1] = end[1];
    return flat;
  }

  // The arcs of the view on screen, by their ends and bend. The next view (a filter, a tour
  // step, a language) mostly draws lines that are on screen already, and bending 1,049 arcs
  // took 8 ms of a filter change at 10,000 partnerships. Only the view on screen is kept, so
  // the cache is never larger than what is drawn.
  var arcsOnScreen = new Map();

  function arcsOf(view) {
    var lines = view.lines;
    var latlon = view.places.latlon;
    var kept = new Map();
    var arcs = lines.ids.map(function (_, i) {
      var start = latlon[lines.from[i]];
      var end = latlon[lines.to[i]];
      var key = start[0] + "," + start[1] + "," + end[0] + "," + end[1] + "," + lines.bend[i];
      var arc = kept.get(key) || arcsOnScreen.get(key) || arcLatLons(start, end, lines.bend[i]);
      kept.set(key, arc);
      return arc;
    });
    arcsOnScreen = kept;
    return arcs;
  }

  // [lat0, lon0, lat1, lon1, ...] as [[lat0, lon0], [lat1, lon1], ...], for an SVG polyline.
  function latLonPairs(flat) {
    var pairs = [];
    for (var i = 0; i < flat.length; i += 2) {
      pairs.push([flat[i], flat[i + 1]]);
    }
    return pairs;
  }

  // As geo/arcs.py gives an arc, [[lat, lon], ...]: a browser test compares the two.
  function arcPoints(start, end, bend) {
    return latLonPairs(arcLatLons(start, end, bend));
  }

  // ---- small DOM helpers: text from the data only ever goes in as text --------------------
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function boxesOverlap(a, b) {
    return !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom);
  }

  // The boxes already taken on screen (labels, markers, the legend), filed by the 64 px cells
  // they cover, so that "is this spot free?" asks only the boxes near it. At 1,000 places,
  // placing 125 labels tried about 300 spots against 250 boxes each, and each try at joining a
  // label copied the whole list: placing took 11 ms at every zoom and pan (19 ms in presenter
  // mode), 7 ms (13 ms) with the grid.
  var CELL_PX = 64;

  function TakenBoxes() {
    this._cells = new Map();
  }

  TakenBoxes.prototype = {
    // Calls visit(cell) for each cell the box covers, until one returns true.
    _some: function (box, visit) {
      for (var x = Math.floor(box.left / CELL_PX); x <= Math.floor(box.right / CELL_PX); x++) {
        for (var y = Math.floor(box.top / CELL_PX); y <= Math.floor(box.bottom / CELL_PX); y++) {
          if (visit(x + "," + y)) {
            return true;
          }
        }
      }
      return false;
    },

    add: function (box) {
      var cells = this._cells;
      this._some(box, function (key) {
        var boxes = cells.get(key);
        if (boxes) {
          boxes.push(box);
        } else {
          cells.set(key, [box]);
        }
      });
    },

    remove: function (box) {
      var cells = this._cells;
      this._some(box, function (key) {
        var boxes = cells.get(key);
        var at = boxes ? boxes.indexOf(box) : -1;
        if (at >= 0) {
          boxes.splice(at, 1);
        }
      });
    },

    overlaps: function (box) {
      var cells = this._cells;
      return this._some(box, function (key) {
        var boxes = cells.get(key);
        return !!boxes && boxes.some(function (other) {
          return boxesOverlap(box, other);
        });
      });
    },
  };

  // A label is one line of plain text with no padding or border (.place-label in layers.py),
  // so its size follows from its font: measured on a canvas, placing a hundred labels (and
  // trying joined ones) lays nothing out. Reading each label's offsetWidth made the browser lay
  // the page out again for every label, 30-50 ms per update at 1,000 places.
  var textRuler = document.createElement("canvas").getContext("2d");

  function labelSizer(sample) {
    var style = window.getComputedStyle(sample);
    var font = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(" ");
    var height = Math.ceil(parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2);
    return function (label) {
      if (!label._size) {
        textRuler.font = font;
        label._size = { width: Math.ceil(textRuler.measureText(label.textContent).width), height: height };
      }
      return label._size;
    };
  }

  // A label's box on screen when its top-left corner sits at `offset` from point p.
  function boxAt(p, offset, width, height) {
    var left = p.x + offset[0];
    var top = p.y + offset[1];
    return { left: left, top: top, right: left + width, bottom: top + height, offset: offset };
  }

  L.PartnershipLayer = L.FeatureGroup.extend({
    initialize: function (view) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      this._view = view;
    },

    onAdd: function (map) {
      var view = this._view;
      var container = map.getContainer();
      container.classList.toggle("presenter", !!view.presenter);
      this._arcs = arcsOf(view);
      if (this._arcs.length > view.canvasAbove) {
        this._canvas = L.partnershipCanvas(this, this._arcs, view.places.latlon, {
          padding: 0.3,
          tolerance: 2,
          inWorker: this._arcs.length > view.workerAbove,
        });
        this._canvas.setTopLines([view.lines.ids.indexOf(view.selected)]);
        this._placeTooltip = L.tooltip({ direction: "top", offset: [0, -8] });
        this.addLayer(this._canvas);
      } else {
        // (SVG is drawn at once: the last view's canvas can go now.)
        L.partnershipCanvas.removeGhost(map);
        this._lines = this._drawLines(view);
        this._drawPlaces(view);
      }
      L.FeatureGroup.prototype.onAdd.call(this, map);
      this._legend = this._addLegend(map, view);
      this._foldLegend(map);
      this._labelPane = map.getPane("partnership-labels") || map.createPane("partnership-labels");
      // leaflet-zoom-hide: hidden while a zoom animates, placed anew when it ends.
      this._labels = element("div", "place-labels leaflet-zoom-hide");
      this._labelPane.appendChild(this._labels);
      this._tooltip = L.tooltip({ direction: "top", offset: [0, -8], className: "line-tooltip" });
      map.on("zoomend moveend viewreset resize", this._placeLabels, this);
      map.on("zoomstart", this._hideLabels, this);
      map._partnershipLayer = this;
      this._followFrameHeight(map);
      this._moveCamera(map, view);
      if (!this._labelsHidden) {
        // (A fly just started leaves them hidden: they are placed where it lands.)
        this._placeLabels();
      }
      if (!this._canvas || this._canvas.isShown()) {
        this._linesShown();
      }
    },

    // Written when the lines are on screen: at once in SVG and on a canvas the page draws,
    // with the first picture of a canvas painted in a worker (partnership_canvas.js).
    _linesShown: function () {
      var map = this._map;
      if (!map) {
        return;
      }
      var container = map.getContainer();
      container.setAttribute("data-lines-drawn", String(this._arcs.length));
      container.setAttribute("data-selected", this._view.selected || "");
      container.setAttribute("data-renderer", this._canvas ? "canvas" : "svg");
      var updates = Number(container.getAttribute("data-view-updates") || 0) + 1;
      container.setAttribute("data-view-updates", String(updates));
    },

    onRemove: function (map) {
      map.off("zoomend moveend viewreset resize", this._placeLabels, this);
      map.off("zoomstart", this._hideLabels, this);
      map.closeTooltip(this._tooltip);
      if (this._placeTooltip) {
        map.closeTooltip(this._placeTooltip);
      }
      if (this._legend) {
        map.removeControl(this._legend);
      }
      if (this._labels && this._labels.parentNode) {
        this._labels.parentNode.removeChild(this._labels);
      }
      L.FeatureGroup.prototype.onRemove.call(this, map);
    },

    _lineStyle: function (index, hovered) {
      var view = this._view;
      var lines = view.lines;
      var id = lines.ids[index];
      var selected = id === view.selected;
      var dimmed = view.dimOthers && view.selected && !selected;
      var classes = "partnership partnership-" + id + (selected ? " selected" : "");
      return {
        color: view.themeColours[lines.colour[index]],
        dashArray: view.kindDashes[lines.kind[index]] || null,
        weight: selected || hovered ? SELECTED_WEIGHT : LINE_WEIGHT,
        opacity: hovered ? 1 : dimmed ? DIMMED_OPACITY : LINE_OPACITY,
        lineCap: "butt",
        className: classes,
        interactive: true,
        bubblingMouseEvents: true,
      };
    },

    // A place's marker, the same in SVG and on the canvas.
    _placeStyle: function (index) {
      var view = this._view;
      return { radius: view.presenter ? 10 : 7, fillColor: view.countryColours[view.places.country[index]] };
    },

    // SVG: one path per line, one circle per place.
    _drawLines: function (view) {
      var lines = view.lines;
      var drawn = [];
      for (var i = 0; i < lines.ids.length; i++) {
        var line = L.polyline(latLonPairs(this._arcs[i]), this._lineStyle(i, false));
        // streamlit-folium returns the clicked layer's GeoJSON: its id says which line it was.
        line.feature = { type: "Feature", properties: { id: lines.ids[i] } };
        line._partnershipIndex = i;
        line.on("mouseover", this._hover, this);
        line.on("mousemove", this._follow, this);
        line.on("mouseout", this._leave, this);
        this.addLayer(line);
        drawn.push(line);
      }
      // The selected line on top, so that dimmed lines never hide it.
      drawn.forEach(function (line) {
        if (line.feature.properties.id === view.selected) {
          line.bringToFront();
        }
      }, this);
      return drawn;
    },

    _drawPlaces: function (view) {
      var places = view.places;
      for (var i = 0; i < places.ids.length; i++) {
        var look = this._placeStyle(i);
        var marker = L.circleMarker(places.latlon[i], {
          radius: look.radius,
          color: "#ffffff",
          weight: 2,
          fillColor: look.fillColor,
          fillOpacity: 1,
          className: "place place-" + places.ids[i],
          bubblingMouseEvents: false,
        });
        marker.feature = { type: "Feature", properties: { place: places.ids[i] } };
        // Its own name on hover, also where its label is shared with neighbours ("+2 more").
        marker.bindTooltip(element("span", "", places.names[i]), { direction: "top", offset: [0, -8] });
        this.addLayer(marker);
      }
    },

    _tooltipContent: function (index) {
      var view = this._view;
      var lines = view.lines;
      var places = view.places;
      var table = element("table", "foliumtooltip");
      var rows = [
        [view.text.partners, places.names[lines.from[index]] + " – " + places.names[lines.to[index]]],
        [view.text.kind, view.kindLabels[lines.kind[index]]],
        [
          view.text.themes,
          lines.themes[index]
            .map(function (theme) {
              return view.themeLabels[theme];
            })
            .join(", "),
        ],
      ];
      rows.forEach(function (row) {
        var tr = element("tr");
        tr.appendChild(element("th", "", row[0]));
        tr.appendChild(element("td", "", row[1]));
        table.appendChild(tr);
      });
      return table;
    },

    // Hovering a line widens it and shows its tooltip (the canvas redraws the line itself).
    _hoverLine: function (index, latlng) {
      if (this._lines) {
        this._lines[index].setStyle(this._lineStyle(index, true));
      }
      this._tooltip.setContent(this._tooltipContent(index));
      this._tooltip.setLatLng(latlng);
      this._map.openTooltip(this._tooltip);
    },

    _followLine: function (latlng) {
      this._tooltip.setLatLng(latlng);
    },

    _leaveLine: function (index) {
      if (this._lines) {
        this._lines[index].setStyle(this._lineStyle(index, false));
      }
      this._map.closeTooltip(this._tooltip);
    },

    // On the canvas, a place's own name on hover (in SVG its marker has the tooltip bound).
    _hoverPlace: function (index) {
      this._placeTooltip.setContent(element("span", "", this._view.places.names[index]));
      this._placeTooltip.setLatLng(this._view.places.latlon[index]);
      this._map.openTooltip(this._placeTooltip);
    },

    _leavePlace: function () {
      this._map.closeTooltip(this._placeTooltip);
    },

    // What a click on the canvas is reported on: streamlit-folium sends the clicked layer's
    // GeoJSON, so its properties say which line (or place) it was, as an SVG path's do.
    _target: function (kind, index) {
      var key = kind + index;
      this._targets = this._targets || {};
      if (!this._targets[key]) {
        var target = new L.Layer();
        var properties = kind === "line" ? { id: this._view.lines.ids[index] } : { place: this._view.places.ids[index] };
        target.feature = { type: "Feature", properties: properties };
        target.toGeoJSON = function () {
          return this.feature;
        };
        // A click on a place stops there, as on an SVG marker.
        target.options = { bubblingMouseEvents: kind === "line" };
        target.addEventParent(this);
        this._targets[key] = target;
      }
      return this._targets[key];
    },

    // The SVG paths' own events (the canvas finds the line under the pointer itself).
    _hover: function (event) {
      this._hoverLine(event.target._partnershipIndex, event.latlng);
    },

    _follow: function (event) {
      this._followLine(event.latlng);
    },

    _leave: function (event) {
      this._leaveLine(event.target._partnershipIndex);
    },

    _addLegend: function (map, view) {
      if (!view.legend) {
        return null;
      }
      var legend = L.control({ position: "topright" });
      legend.onAdd = function () {
        var div = L.DomUtil.create("div", "map-legend");
        div.setAttribute("role", "region");
        div.setAttribute("aria-label", view.legendTitle);
        // Built and escaped in Python (mapview/layers.py legend_html).
        div.innerHTML = view.legend;
        // Once the reader opens or folds it, the legend stays as they left it, view after view.
        div.addEventListener("click", function () {
          setTimeout(function () {
            var details = div.querySelector("details");
            map._legendOpen = details ? details.open : undefined;
          }, 0);
        });

        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      };
      legend.addTo(map);
      return legend;
    },

    // On a narrow map the legend starts folded, so it does not cover the places.
    _foldLegend: function (map) {
      var details = this._legend && this._legend.getContainer().querySelector("details");
      if (details) {
        details.open = map._legendOpen !== undefined ? map._legendOpen : map.getSize().x >= NARROW_MAP_PX;
      }
    },

    // Room the legend takes on the right, so that fitting the view never puts a place under it.
    _padding: function (map) {
      var right = 30;
      if (this._legend && this._legend.getContainer()) {
        right += this._legend.getContainer().offsetWidth;
      }
      return { paddingTopLeft: [30, 30], paddingBottomRight: [right, 30] };
    },

    _moveCamera: function (map, view) {
      var state = map._partnershipCamera || (map._partnershipCamera = { fitted: false, flewTo: "" });
      // (The legend's width, for the padding, is read only when the camera moves: reading it
      // makes the browser lay out the page, lines and all.)
      if (view.fly && view.fly.id !== state.flewTo) {
        var padding = this._padding(map);
        var options = L.extend({ maxZoom: view.fly.maxZoom, duration: 1.2 }, padding);
        state.flewTo = view.fly.id;
        if (state.fitted) {
          map.flyToBounds(view.fly.bounds, options);
        } else {
          // A link that opens on a tour stop: framed at once, and again at the frame's final size.
          map.fitBounds(view.fly.bounds, L.extend({ maxZoom: view.fly.maxZoom, animate: false }, padding));
          state.fitted = true;
          this._refitUntilMoved(map, state, view);
        }
        return;
      }
      if (!view.fly) {
        state.flewTo = "";
      }
      // The first view drawn in this map frames itself; later ones keep the reader's zoom and pan.
      if (!state.fitted && view.bounds) {
        // Not animated: the map opens on its view (an animation would end after the reader's first move).
        map.fitBounds(view.bounds, L.extend({ maxZoom: view.maxZoom, animate: false }, this._padding(map)));
        state.fitted = true;
        this._refitUntilMoved(map, state, view);
      }
    },

    // Streamlit sizes the frame after the first draw: until the reader moves the map, a
    // resize frames the current view again instead of leaving it zoomed out.
    // streamlit-folium sizes the map once; when the page asks for another height (presenter
    // mode) it resizes only the frame, so the map follows the frame here (once per map).
    _followFrameHeight: function (map) {
      if (map._followsFrame) {
        return;
      }
      map._followsFrame = true;
      var container = map.getContainer();
      window.addEventListener("resize", function () {
        if (window.innerHeight > 0 && container.offsetHeight !== window.innerHeight) {
          container.style.height = window.innerHeight + "px";
          map.invalidateSize();
        }
      });
    },

    _refitUntilMoved: function (map, state, firstView) {
      var container = map.getContainer();
      var moved = function () {
        state.readerMoved = true;
      };
      ["mousedown", "touchstart", "wheel", "keydown"].forEach(function (type) {
        container.addEventListener(type, moved, { once: true, passive: true });
      });
      // Any move but our own (a wheel, a drag, the zoom buttons, a script) is the reader's;
      // Leaflet keeping the centre while the frame resizes is not.
      var ownMove = false;
      var resizing = false;
      window.addEventListener("resize", function () {
        // Leaflet handles a resize in the next animation frame (if the size changed at all).
        resizing = true;
        requestAnimationFrame(function () {
          requestAnimationFrame(function () {
            resizing = false;
          });
        });
      });
      map.on("movestart zoomstart", function () {
        if (!ownMove && !resizing) {
          state.readerMoved = true;
        }
      });
      // (A later fly to a tour stop is animated, so it counts as a move and ends the corrections.)
      var refit = function () {
        var layer = map._partnershipLayer;
        var view = layer && layer._view;
        var target = view && (view.fly ? view.fly : { bounds: view.bounds, maxZoom: view.maxZoom });
        if (!state.readerMoved && target && target.bounds) {
          layer._foldLegend(map);
          // No animation: a correction of the first framing, not a move the reader should watch.
          ownMove = true;
          map.fitBounds(target.bounds, L.extend({ maxZoom: target.maxZoom, animate: false }, layer._padding(map)));
          ownMove = false;
        }
      };
      map.on("resize", refit);
      // Leaflet may have measured the frame before its final size without a resize to follow.
      // These corrections are the first view's: a view drawn since (a filter changed within the
      // first second) keeps the zoom and pan the reader had, as every later view does.
      [200, 1000].forEach(function (delay) {
        setTimeout(function () {
          map.invalidateSize({ pan: false });
          var layer = map._partnershipLayer;
          if (layer && layer._view === firstView) {
            refit();
          }
          if (delay === 1000) {
            // For tests and screenshots: the first framing is final.
            container.setAttribute("data-camera", "settled");
          }
        }, delay);
      });
    },

    // Groups of places that sit on top of each other at this zoom, most-connected first.
    _groups: function () {
      var map = this._map;
      var view = this._view;
      var order = view.places.ids.map(function (_, i) {
        return i;
      });
      // The two ends of the selected line are labelled first and head their own groups.
      var ends = [];
      var selected = view.lines.ids.indexOf(view.selected);
      if (selected >= 0) {
        ends = [view.lines.from[selected], view.lines.to[selected]];
      }
      var rank = function (i) {
        return ends.indexOf(i) >= 0 ? 1e9 : view.places.weight[i];
      };
      order.sort(function (a, b) {
        return rank(b) - rank(a) || a - b;
      });
      var groups = [];
      order.forEach(function (i) {
        var point = map.latLngToLayerPoint(view.places.latlon[i]);
        if (ends.indexOf(i) >= 0) {
          groups.push({ point: point, members: [i], end: true });
          return;
        }
        for (var g = 0; g < groups.length; g++) {
          if (groups[g].point.distanceTo(point) < GROUP_RADIUS_PX) {
            groups[g].members.push(i);
            return;
          }
        }
        groups.push({ point: point, members: [i] });
      });
      return groups;
    },

    _groupText: function (members, named) {
      var names = this._view.places.names;
      var shown = members.slice(0, Math.min(MAX_NAMES_IN_GROUP, named || members.length)).map(function (i) {
        return names[i];
      });
      var more = members.length - shown.length;
      return shown.join(", ") + (more > 0 ? " " + this._view.text.more.replace("{count}", String(more)) : "");
    },

    // Every group gets a label: the first of 24 positions around it (eight directions at each
    // of LABEL_RINGS' distances) that overlaps no other label, no place and no map control (the
    // legend among them), and stays inside the map; failing that, its names join a nearby label.
    _placeLabels: function () {
      // (re)computed at every zoom, pan and resize: groups and free room depend on the scale.
      var map = this._map;
      if (!map || !this._labels) {
        return;
      }
      var labels = this._labels;
      while (labels.firstChild) {
        labels.removeChild(labels.firstChild);
      }
      var size = map.getSize();
      var toContainer = function (layerPoint) {
        return map.layerPointToContainerPoint(layerPoint);
      };
      // Places off the screen are not labelled (nor lost: panning brings them and their label back).
      var groups = this._groups().filter(function (group) {
        var p = toContainer(group.point);
        return p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y;
      });
      // Every label goes in at once (one change to the page), its size taken from its font
      // (labelSizer); then each is placed or taken out.
      var candidates = groups.map(function (group) {
        return this._label(group.members);
      }, this);
      var all = document.createDocumentFragment();
      candidates.forEach(function (label) {
        all.appendChild(label);
      });
      labels.appendChild(all);
      if (candidates.length) {
        this._sizeOf = labelSizer(candidates[0]);
      }
      var mapOrigin = map.getContainer().getBoundingClientRect();
      var obstacles = groups.map(function (group) {
        var p = toContainer(group.point);
        return { left: p.x - 9, right: p.x + 9, top: p.y - 9, bottom: p.y + 9 };
      });
      // Leaflet's controls (zoom, full screen, legend, scale, attribution): no label covers them,
      // not even one that found no free room ("crowded") or a tour stop's end.
      var controls = new TakenBoxes();
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (control) {
        var box = control.getBoundingClientRect();
        if (box.width && box.height) {
          var relative = {
            left: box.left - mapOrigin.left,
            right: box.right - mapOrigin.left,
            top: box.top - mapOrigin.top,
            bottom: box.bottom - mapOrigin.top,
          };
          controls.add(relative);
          obstacles.push(relative);
        }
      });
      var taken = new TakenBoxes();
      obstacles.forEach(function (box) {
        taken.add(box);
      });
      // Where a label goes that has no room of its own: clear of the controls if it can be,
      // else to the right of its marker.
      var lastResort = function (label, p) {
        var labelSize = this._sizeOf(label);
        return this._fit(label, p, controls, size) || boxAt(p, [LABEL_GAP_PX, -labelSize.height / 2], labelSize.width, labelSize.height);
      }.bind(this);
      var unplaced = [];
      var place = function (group, label, box) {
        taken.add(box);
        group.label = label;
        group.box = box;
        L.DomUtil.setPosition(label, group.point.add(L.point(box.offset[0], box.offset[1])).round());
      };
      groups.forEach(function (group, g) {
        var label = candidates[g];
        var p = toContainer(group.point);
        var box = this._fit(label, p, taken, size);
        if (box) {
          place(group, label, box);
        } else if (group.end) {
          // The stop's own ends are always named by themselves: as placed first, the others
          // make way for them.
          place(group, label, lastResort(label, p));
        } else {
          labels.removeChild(label);
          unplaced.push(group);
        }
      }, this);
      // No room anywhere near: the group's names join the nearest label as "+N more", so no
      // place is silently lost (its own name shows on hover, and zooming in separates them).
      unplaced.forEach(function (group) {
        // The nearest labels first: the group joins the first that still fits once it counts them.
        var near = groups
          .filter(function (other) {
            return other.label && other.point.distanceTo(group.point) <= JOIN_RADIUS_PX;
          })
          .sort(function (a, b) {
            return a.point.distanceTo(group.point) - b.point.distanceTo(group.point);
          });
        for (var n = 0; n < near.length; n++) {
          if (this._join(near[n], group, taken, toContainer, size)) {
            return;
          }
        }
        var label = this._label(group.members);
        label.classList.add("place-label-crowded");
        labels.appendChild(label);
        var box = lastResort(label, toContainer(group.point));
        L.DomUtil.setPosition(label, group.point.add(L.point(box.offset[0], box.offset[1])).round());
      }, this);
      this._keepInside(map);
      labels.style.visibility = "";
      this._labelsHidden = false;
    },

    // A fly to a tour stop moves the map frame by frame and labels are placed when it ends:
    // until then they would name the wrong spots (leaflet-zoom-hide covers only a zoom's
    // CSS animation, not a fly).
    _hideLabels: function () {
      if (this._labels) {
        this._labels.style.visibility = "hidden";
        this._labelsHidden = true;
      }
    },

    // `host`'s label takes in `group`'s places as "+N more" if the longer label still fits
    // somewhere around its marker; otherwise it stays as it was and the answer is false.
    _join: function (host, group, taken, toContainer, size) {
      var named = host.named || host.members.length;
      var members = host.members.concat(group.members);
      // Measured off the page (labelSizer needs only its text): it goes in only if it fits.
      var joined = this._label(members, named);
      taken.remove(host.box);
      var box = this._fit(joined, toContainer(host.point), taken, size);
      if (!box) {
        taken.add(host.box);
        return false;
      }
      taken.add(box);
      this._labels.replaceChild(joined, host.label);
      host.named = named;
      host.members = members;
      host.label = joined;
      host.box = box;
      L.DomUtil.setPosition(joined, host.point.add(L.point(box.offset[0], box.offset[1])).round());
      return true;
    },

    // A label that had no free spot may reach past the map's edge: move it back in.
    _keepInside: function (map) {
      var size = map.getSize();
      Array.prototype.forEach.call(this._labels.children, function (label) {
        var at = L.DomUtil.getPosition(label);
        var p = map.layerPointToContainerPoint(at);
        var dx = Math.min(0, size.x - (p.x + this._sizeOf(label).width)) - Math.min(0, p.x);
        var dy = Math.min(0, size.y - (p.y + this._sizeOf(label).height)) - Math.min(0, p.y);
        if (dx || dy) {
          L.DomUtil.setPosition(label, at.add(L.point(dx, dy)).round());
        }
      }, this);
    },

    _label: function (members, named) {
      var ids = this._view.places.ids;
      var label = element("div", "place-label", this._groupText(members, named));
      label.setAttribute("data-places", String(members.length));
      label.setAttribute(
        "data-place-ids",
        members
          .map(function (i) {
            return ids[i];
          })
          .join(" ")
      );
      return label;
    },

    // The first position around point p, nearest ring first, where the label overlaps nothing.
    _fit: function (label, p, taken, size) {
      var width = this._sizeOf(label).width;
      var height = this._sizeOf(label).height;
      for (var ring = 0; ring < LABEL_RINGS.length; ring++) {
        var gap = LABEL_RINGS[ring];
        var candidates = [
          [gap, -height / 2],
          [-gap - width, -height / 2],
          [gap * 0.7, -gap * 0.7 - height],
          [gap * 0.7, gap * 0.7],
          [-gap * 0.7 - width, -gap * 0.7 - height],
          [-gap * 0.7 - width, gap * 0.7],
          [-width / 2, -gap - height],
          [-width / 2, gap],
        ];
        for (var c = 0; c < candidates.length; c++) {
          var box = boxAt(p, candidates[c], width, height);
          var inside = box.left >= 0 && box.top >= 0 && box.right <= size.x && box.bottom <= size.y;
          if (inside && !taken.overlaps(box)) {
            return box;
          }
        }
      }
      return null;
    },
  });

  L.partnershipLayer = function (view) {
    return new L.PartnershipLayer(view);
  };
  L.partnershipLayer.arcPoints = arcPoints;
  L.partnershipLayer.latLonPairs = latLonPairs;
})();
