// The canvas of a large view: one Leaflet renderer that draws every line and place itself.
//
// Leaflet's own canvas draws a polyline or circle object per shape: at 1,049 lines and 859
// places an update made and removed 1,900 of those (their points, their events, their
// bookkeeping), about 60 ms of a filter change. This renderer keeps each arc as plain
// numbers (world pixels at zoom 0, scaled at each draw), finds what is under the pointer
// itself, and leaves what a line looks like and what hovering shows to its owner, the
// L.PartnershipLayer (partnership_layer.js), so the SVG and canvas views look and behave alike.
//
// The owner provides: _lineStyle(index, hovered), _placeStyle(index), _hoverLine(index, latlng),
// _followLine(latlng), _leaveLine(index), _hoverPlace(index), _leavePlace(index), and
// _target(kind, index), the object a click is reported on (its toGeoJSON names the line).
(function () {
  "use strict";

  // Leaflet throttles hover the same way: a hit test at most every 32 ms.
  var HOVER_THROTTLE_MS = 32;
  var PLACE_STROKE_PX = 2;
  var SELECTED_CASING_PX = 4;
  // An arc comes with 49 points, enough for its longest view. Drawn, it needs one every 24
  // screen pixels at most: on these gentle curves a 24 px chord strays from the arc by less
  // than a tenth of a pixel, and the canvas rasterizes a third of the segments (48 ms -> 38 ms
  // for 1,049 arcs in headless Chromium, where the canvas is drawn on the page's own thread).
  var MAX_SEGMENT_PX = 24;
  var POINT_STEPS = [8, 6, 4, 3, 2, 1];

  function dashPattern(dashArray) {
    if (!dashArray) {
      return [];
    }
    return String(dashArray)
      .split(/[, ]+/)
      .map(Number)
      .filter(function (value) {
        return !isNaN(value);
      });
  }

  // Leaflet's default CRS (EPSG:3857, this app's) at zoom 0, written into out[at], out[at + 1]:
  // L.Projection.SphericalMercator, then the CRS's transformation, scaled to the 256 px world.
  // crs.latLngToPoint makes three objects a point, 150,000 at 1,000 lines on every update.
  var MAX_LATITUDE = L.Projection.SphericalMercator.MAX_LATITUDE;
  var WORLD_PX = 256;

  function webMercator(lat, lon, out, at) {
    var sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
    out[at] = WORLD_PX * (0.5 + lon / 360);
    out[at + 1] = WORLD_PX * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
  }

  // An arc's world pixels and their box, by the arc's [lat, lon] numbers: the layer hands the
  // next view the same arcs when their lines stay on screen (arcsOf in partnership_layer.js),
  // so a filter change projects only lines it did not draw before. Weak: an arc no view holds
  // is collected with its pixels.
  var projectedArcs = new WeakMap();

  function boxOf(points) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    for (var j = 0; j < points.length; j += 2) {
      box[0] = Math.min(box[0], points[j]);
      box[1] = Math.min(box[1], points[j + 1]);
      box[2] = Math.max(box[2], points[j]);
      box[3] = Math.max(box[3], points[j + 1]);
    }
    return box;
  }

  L.PartnershipCanvas = L.Canvas.extend({
    // arcs: one flat [lat0, lon0, lat1, lon1, ...] per line; places: one [lat, lon] per place.
    initialize: function (owner, arcs, places, options) {
      L.Canvas.prototype.initialize.call(this, options);
      this._owner = owner;
      this._lineCount = arcs.length;
      this._topLines = [];
      this._hovered = null;
      this._dashes = {};
      this._arcLatLons = arcs;
      this._placeLatLons = places;
    },

    // A feature group asks each of its layers for its bounds (getBounds): lines and places.
    getBounds: function () {
      var bounds = L.latLngBounds(this._placeLatLons);
      this._arcLatLons.forEach(function (arc) {
        for (var i = 0; i < arc.length; i += 2) {
          bounds.extend([arc[i], arc[i + 1]]);
        }
      });
      return bounds;
    },

    // Lines drawn last, above the others (the selected line), in this order.
    setTopLines: function (indexes) {
      this._topLines = indexes.filter(function (index) {
        return index >= 0;
      });
    },

    onAdd: function (map) {
      this._crs = map.options.crs;
      var projected = this._arcLatLons.map(this._projectedArc, this);
      this._arcs = projected.map(function (arc) {
        return arc.points;
      });
      this._boxes = projected.map(function (arc) {
        return arc.box;
      });
      this._places = this._worldPoints([].concat.apply([], this._placeLatLons));
      L.Canvas.prototype.onAdd.call(this, map);
    },

    // An arc's world pixels and their box ({points, box}); kept per arc in Web Mercator, the
    // CRS of every map here (another CRS is projected on every view).
    _projectedArc: function (latlons) {
      var mercator = this._crs === L.CRS.EPSG3857;
      var projected = mercator && projectedArcs.get(latlons);
      if (!projected) {
        var points = this._worldPoints(latlons);
        projected = { points: points, box: boxOf(points) };
        if (mercator) {
          projectedArcs.set(latlons, projected);
        }
      }
      return projected;
    },

    // Flat [lat0, lon0, ...] as flat world pixels at zoom 0 (x0, y0, ...) in the map's CRS.
    _worldPoints: function (latlons) {
      var flat = new Float64Array(latlons.length);
      var mercator = this._crs === L.CRS.EPSG3857;
      for (var i = 0; i < latlons.length; i += 2) {
        if (mercator) {
          webMercator(latlons[i], latlons[i + 1], flat, i);
        } else {
          var point = this._crs.latLngToPoint(L.latLng(latlons[i], latlons[i + 1]), 0);
          flat[i] = point.x;
          flat[i + 1] = point.y;
        }
      }
      return flat;
    },

    // From world pixels at zoom 0 to this map's layer pixels now: x * scale - origin.
    _frame: function () {
      var map = this._map;
      return {
        scale: this._crs.scale(map.getZoom()) / this._crs.scale(0),
        origin: map.getPixelOrigin(),
      };
    },

    // Bottom to top: every line but the top ones, the top ones, then the hovered line.
    _drawOrder: function () {
      var top = this._topLines.slice();
      if (this._hovered && this._hovered.kind === "line") {
        // (The selected line, hovered, is drawn once, on top.)
        top = top.filter(function (index) {
          return index !== this._hovered.index;
        }, this);
        top.push(this._hovered.index);
      }
      var order = [];
      for (var i = 0; i < this._lineCount; i++) {
        if (top.indexOf(i) < 0) {
          order.push(i);
        }
      }
      return order.concat(top);
    },

    // Leaflet's canvas updates each of its paths here; this one has none and draws its own.
    _updatePaths: function () {
      if (!this._postponeUpdatePaths) {
        this._redraw();
      }
    },

    // Leaflet's canvas projects each path again here; this one scales its points at each draw.
    _onZoomEnd: function () {},

    _draw: function () {
      var ctx = this._ctx;
      if (!this._map || !ctx) {
        return;
      }
      var frame = this._frame();
      var k = frame.scale;
      var ox = frame.origin.x;
      var oy = frame.origin.y;
      var owner = this._owner;
      var hoveredLine = this._hovered && this._hovered.kind === "line" ? this._hovered.index : -1;
      ctx.save();
      ctx.lineJoin = "round";
      this._drawOrder().forEach(function (index) {
        var style = owner._lineStyle(index, index === hoveredLine);
        var points = this._arcs[index];
        var stride = 2 * this._pointStep(index, k);
        ctx.beginPath();
        ctx.moveTo(points[0] * k - ox, points[1] * k - oy);
        for (var j = stride; j < points.length; j += stride) {
          ctx.lineTo(points[j] * k - ox, points[j + 1] * k - oy);
        }
        if (this._topLines.indexOf(index) >= 0) {
          // A white casing: among a thousand lines of the same colour, dimmed or not, the
          // selected one still stands out.
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
          ctx.lineWidth = style.weight + SELECTED_CASING_PX;
          ctx.strokeStyle = "#ffffff";
          ctx.lineCap = "round";
          ctx.stroke();
        }
        ctx.setLineDash(this._dash(style.dashArray));
        ctx.globalAlpha = style.opacity;
        ctx.lineWidth = style.weight;
        ctx.strokeStyle = style.color;
        ctx.lineCap = style.lineCap;
        ctx.stroke();
      }, this);
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.lineWidth = PLACE_STROKE_PX;
      ctx.strokeStyle = "#ffffff";
      for (var i = 0; i < this._places.length / 2; i++) {
        var place = owner._placeStyle(i);
        ctx.beginPath();
        ctx.arc(this._places[2 * i] * k - ox, this._places[2 * i + 1] * k - oy, place.radius, 0, Math.PI * 2);
        ctx.fillStyle = place.fillColor;
        ctx.fill();
        ctx.stroke();
      }
      ctx.restore();
    },

    // Every how many of its points a line is drawn at scale k (its last point is always one).
    _pointStep: function (index, k) {
      var box = this._boxes[index];
      var span = Math.sqrt((box[2] - box[0]) * (box[2] - box[0]) + (box[3] - box[1]) * (box[3] - box[1])) * k;
      var segments = this._arcs[index].length / 2 - 1;
      for (var s = 0; s < POINT_STEPS.length; s++) {
        var step = POINT_STEPS[s];
        if (segments % step === 0 && span / (segments / step) <= MAX_SEGMENT_PX) {
          return step;
        }
      }
      return 1;
    },

    _dash: function (dashArray) {
      var key = String(dashArray || "");
      if (!this._dashes[key]) {
        this._dashes[key] = dashPattern(dashArray);
      }
      return this._dashes[key];
    },

    // What is under a layer point: a place (drawn on top) or else the topmost line near it.
    _hit: function (layerPoint) {
      var frame = this._frame();
      var k = frame.scale;
      var x = layerPoint.x + frame.origin.x;
      var y = layerPoint.y + frame.origin.y;
      var owner = this._owner;
      for (var p = this._places.length / 2 - 1; p >= 0; p--) {
        var reach = owner._placeStyle(p).radius + PLACE_STROKE_PX / 2 + this.options.tolerance;
        var dx = this._places[2 * p] * k - x;
        var dy = this._places[2 * p + 1] * k - y;
        if (dx * dx + dy * dy <= reach * reach) {
          return { kind: "place", index: p };
        }
      }
      var order = this._drawOrder();
      for (var o = order.length - 1; o >= 0; o--) {
        var index = order[o];
        var tolerance = owner._lineStyle(index, false).weight / 2 + this.options.tolerance;
        var box = this._boxes[index];
        if (x < box[0] * k - tolerance || x > box[2] * k + tolerance || y < box[1] * k - tolerance || y > box[3] * k + tolerance) {
          continue;
        }
        var points = this._arcs[index];
        var pointer = L.point(x, y);
        for (var j = 2; j < points.length; j += 2) {
          var from = L.point(points[j - 2] * k, points[j - 1] * k);
          var to = L.point(points[j] * k, points[j + 1] * k);
          if (L.LineUtil.pointToSegmentDistance(pointer, from, to) <= tolerance) {
            return { kind: "line", index: index };
          }
        }
      }
      return null;
    },

    _onMouseMove: function (e) {
      var map = this._map;
      if (!map || map.dragging.moving() || map._animatingZoom) {
        return;
      }
      this._hoverAt(e);
      if (this._hovered && this._hovered.kind === "line") {
        this._owner._followLine(map.mouseEventToLatLng(e));
      }
      this._fireEvent(false, e);
    },

    // A hit test at most every HOVER_THROTTLE_MS; the last move of a burst is tested when the
    // wait ends, so the pointer's resting place always decides what is hovered.
    _hoverAt: function (e) {
      if (this._hoverThrottled) {
        this._pendingMove = e;
        return;
      }
      this._pendingMove = null;
      var map = this._map;
      var hit = this._hit(map.mouseEventToLayerPoint(e));
      var same = hit && this._hovered && hit.kind === this._hovered.kind && hit.index === this._hovered.index;
      if (!same) {
        this._leave();
        if (hit) {
          this._enter(hit, map.mouseEventToLatLng(e));
        }
      }
      this._hoverThrottled = true;
      var canvas = this;
      setTimeout(function () {
        canvas._hoverThrottled = false;
        if (canvas._pendingMove && canvas._map) {
          canvas._hoverAt(canvas._pendingMove);
        }
      }, HOVER_THROTTLE_MS);
    },

    _handleMouseOut: function () {
      this._pendingMove = null;
      this._leave();
    },

    _enter: function (hit, latlng) {
      this._hovered = hit;
      L.DomUtil.addClass(this._container, "leaflet-interactive");
      if (hit.kind === "line") {
        this._owner._hoverLine(hit.index, latlng);
        this._requestRedraw();
      } else {
        this._owner._hoverPlace(hit.index);
      }
    },

    _leave: function () {
      var hovered = this._hovered;
      if (!hovered) {
        return;
      }
      this._hovered = null;
      L.DomUtil.removeClass(this._container, "leaflet-interactive");
      if (hovered.kind === "line") {
        this._owner._leaveLine(hovered.index);
        this._requestRedraw();
      } else {
        this._owner._leavePlace(hovered.index);
      }
    },

    // Clicks (and mousedown, mouseup, contextmenu) go to what is under the pointer, then to the
    // map, as Leaflet's canvas does; a click that ends a drag selects nothing.
    _onClick: function (e) {
      var hit = this._hit(this._map.mouseEventToLayerPoint(e));
      if (hit && (e.type === "click" || e.type === "preclick") && this._map._draggableMoved(this)) {
        hit = null;
      }
      this._fireEvent(hit ? [this._owner._target(hit.kind, hit.index)] : false, e);
    },

    // The whole canvas, once per animation frame at most.
    _requestRedraw: function () {
      if (this._map) {
        this._redrawRequest = this._redrawRequest || L.Util.requestAnimFrame(this._redraw, this);
      }
    },
  });

  L.partnershipCanvas = function (owner, arcs, places, options) {
    return new L.PartnershipCanvas(owner, arcs, places, options);
  };
})();
