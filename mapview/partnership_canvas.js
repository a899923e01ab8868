// The canvas of a large view: one Leaflet renderer that draws every line and place itself.
//
// Leaflet's own canvas draws a polyline or circle object per shape: at 1,049 lines and 859
// places an update made and removed 1,900 of those (their points, their events, their
// bookkeeping), about 60 ms of a filter change. This renderer keeps each arc as plain
// numbers (world pixels at zoom 0, scaled at each draw), finds what is under the pointer
// itself, and leaves what a line looks like and what hovering shows to its owner, the
// L.PartnershipLayer (partnership_layer.js), so the SVG and canvas views look and behave alike.
// The hovered line is drawn again, highlighted, on a canvas of its own
// (canvas.partnership-highlight, whose data-line names it).
//
// The owner provides: _lineStyle(index, hovered), _placeStyle(index), _hoverLine(index, latlng),
// _followLine(latlng), _leaveLine(index), _hoverPlace(index), _leavePlace(index), and
// _target(kind, index), the object a click is reported on (its toGeoJSON names the line).
(function () {
  "use strict";

  // Leaflet throttles hover the same way: a hit test at most every 32 ms.
  var HOVER_THROTTLE_MS = 32;

  // ---- painting: one function, run in a worker or, where there is none, on the page -------
  //
  // Canvas 2D is rasterized where it is drawn. In a browser without GPU canvas (headless
  // Chromium here; many office machines) that is the page's own thread: 38 ms for 1,049
  // lines, 315 ms for 10,000, on every filter change, pan and zoom, during which the page
  // answers nothing. So large views (over PAINT_IN_WORKER_ABOVE lines, mapview/layers.py) are
  // painted in a worker, on an OffscreenCanvas, and the page only swaps the finished picture
  // in (an ImageBitmap, at once). The page keeps what it needs to find what is under the pointer.
  //
  // paintScope is turned into the worker's source (its text), so it must not use anything
  // from outside itself. Called with null it returns, for the page, the painting function
  // and the width of a place's white ring (the pointer finds a place by its painted size).
  function paintScope(worker) {
    "use strict";
    var SELECTED_CASING_PX = 4;
    var PLACE_STROKE_PX = 2;
    // An arc comes with 49 points, enough for its longest view. Drawn, it needs one every 24
    // screen pixels at most: on these gentle curves a 24 px chord strays from the arc by less
    // than a tenth of a pixel, and the canvas rasterizes a third of the segments (48 ms -> 38 ms
    // for 1,049 arcs in headless Chromium).
    var MAX_SEGMENT_PX = 24;
    var POINT_STEPS = [8, 6, 4, 3, 2, 1];

    // Every how many of its points a line is drawn at scale k (its last point is always one).
    function pointStep(points, box, k) {
      var span = Math.sqrt((box[2] - box[0]) * (box[2] - box[0]) + (box[3] - box[1]) * (box[3] - box[1])) * k;
      var segments = points.length / 2 - 1;
      for (var s = 0; s < POINT_STEPS.length; s++) {
        var step = POINT_STEPS[s];
        if (segments % step === 0 && span / (segments / step) <= MAX_SEGMENT_PX) {
          return step;
        }
      }
      return 1;
    }

    // scene: the canvas's arcs (world pixels at zoom 0), their boxes and its places.
    // frame: scale k and pixel origin (ox, oy); the canvas's area [left, top, right, bottom]
    // in layer pixels; the lines in drawing order with each one's style (an index into
    // lineStyles) and whether it has a casing; each place's style.
    // Lines from order[from] on, at most `limit` of them stroked if a limit is given, then the
    // places once every line is done. Returns where to go on, or -1 when it is finished.
    function paint(ctx, scene, frame, from, limit) {
      var k = frame.k;
      var ox = frame.ox;
      var oy = frame.oy;
      // The canvas's own area, in the same (layer) pixels as the lines.
      var left = frame.area[0];
      var top = frame.area[1];
      var right = frame.area[2];
      var bottom = frame.area[3];
      ctx.save();
      ctx.lineJoin = "round";
      var o = from || 0;
      var stroked = 0;
      for (; o < frame.order.length; o++) {
        if (limit && stroked === limit) {
          ctx.restore();
          return o;
        }
        var index = frame.order[o];
        var style = frame.lineStyles[frame.lineStyle[o]];
        var box = scene.boxes[index];
        var reach = style.weight + SELECTED_CASING_PX;
        if (box[2] * k - ox < left - reach || box[0] * k - ox > right + reach || box[3] * k - oy < top - reach || box[1] * k - oy > bottom + reach) {
          // Wholly off the canvas (zoomed in, most lines are): nothing to stroke, or to dash.
          continue;
        }
        stroked++;
        var points = scene.arcs[index];
        var stride = 2 * pointStep(points, scene.boxes[index], k);
        ctx.beginPath();
        ctx.moveTo(points[0] * k - ox, points[1] * k - oy);
        for (var j = stride; j < points.length; j += stride) {
          ctx.lineTo(points[j] * k - ox, points[j + 1] * k - oy);
        }
        if (frame.casing[o]) {
          // A white casing: among a thousand lines of the same colour, dimmed or not, the
          // selected one still stands out.
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
          ctx.lineWidth = style.weight + SELECTED_CASING_PX;
          ctx.strokeStyle = "#ffffff";
          ctx.lineCap = "round";
          ctx.stroke();
        }
        ctx.setLineDash(style.dash);
        ctx.globalAlpha = style.opacity;
        ctx.lineWidth = style.weight;
        ctx.strokeStyle = style.color;
        ctx.lineCap = style.lineCap;
        ctx.stroke();
      }
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.lineWidth = PLACE_STROKE_PX;
      ctx.strokeStyle = "#ffffff";
      var places = scene.places;
      for (var i = 0; i < places.length / 2; i++) {
        var place = frame.placeStyles[frame.placeStyle[i]];
        ctx.beginPath();
        ctx.arc(places[2 * i] * k - ox, places[2 * i + 1] * k - oy, place.radius, 0, Math.PI * 2);
        ctx.fillStyle = place.fillColor;
        ctx.fill();
        ctx.stroke();
      }
      ctx.restore();
      return -1;
    }

    if (worker) {
      // In the worker: scenes arrive once per canvas, pictures are asked for as the map moves.
      // A picture is painted in slices of about SLICE_MS, and between slices the worker reads
      // its messages: a newer picture of the same canvas, or a canvas gone with its view,
      // stops the one being painted. (At 10,000 lines a picture takes 300-650 ms: the next
      // view would otherwise wait for the last one's.) The canvas only records strokes and
      // rasterizes them when the picture is taken, all at once, unless something reads it:
      // each CHUNK_LINES lines, one pixel is read, so a slice's time is its real cost.
      var SLICE_MS = 16;
      var CHUNK_LINES = 64;
      var scenes = {};
      var jobs = [];
      var scheduled = false;
      // A message to itself: the quickest way to let the worker's messages in between slices
      // (a timer may wait 4 ms or more).
      var tick = new MessageChannel();

      var drop = function (id) {
        jobs = jobs.filter(function (job) {
          return job.frame.id !== id;
        });
      };

      var schedule = function () {
        if (!scheduled && jobs.length) {
          scheduled = true;
          tick.port2.postMessage(null);
        }
      };

      tick.port1.onmessage = function () {
        scheduled = false;
        var job = jobs[0];
        if (!job) {
          return;
        }
        var frame = job.frame;
        var scene = scenes[frame.id];
        if (!job.ctx) {
          if (!scene.canvas || scene.canvas.width !== frame.width || scene.canvas.height !== frame.height) {
            scene.canvas = new OffscreenCanvas(frame.width, frame.height);
          }
          job.ctx = scene.canvas.getContext("2d");
          job.ctx.setTransform(frame.ratio, 0, 0, frame.ratio, -frame.ratio * frame.minX, -frame.ratio * frame.minY);
          job.ctx.clearRect(frame.minX, frame.minY, frame.width / frame.ratio, frame.height / frame.ratio);
        }
        var sliceEnds = performance.now() + SLICE_MS;
        do {
          job.next = paint(job.ctx, scene, frame, job.next, CHUNK_LINES);
          if (job.next >= 0) {
            job.ctx.getImageData(0, 0, 1, 1);
          }
        } while (job.next >= 0 && performance.now() < sliceEnds);
        if (job.next < 0) {
          jobs.shift();
          var bitmap = scene.canvas.transferToImageBitmap();
          worker.postMessage({ id: frame.id, seq: frame.seq, bitmap: bitmap }, [bitmap]);
        }
        schedule();
      };

      worker.onmessage = function (event) {
        var message = event.data;
        if (message.type === "scene") {
          scenes[message.id] = { arcs: message.arcs, boxes: message.boxes, places: message.places, canvas: null };
        } else if (message.type === "forget") {
          drop(message.id);
          delete scenes[message.id];
        } else if (message.type === "paint" && scenes[message.id]) {
          // (The canvas may be in the middle of the one it no longer needs: it starts again.)
          drop(message.id);
          jobs.push({ frame: message, next: 0, ctx: null });
          schedule();
        }
      };
    }
    return { paint: paint, placeStrokePx: PLACE_STROKE_PX };
  }

  var pagePainting = paintScope(null);
  var paintOnPage = pagePainting.paint;
  var PLACE_STROKE_PX = pagePainting.placeStrokePx;

  // Two places of the canvas ({bounds, zoom}) where one picture serves for both.
  function samePlace(a, b) {
    return !!(a && b && a.bounds && b.bounds) && a.zoom === b.zoom && a.bounds.min.equals(b.bounds.min) && a.bounds.max.equals(b.bounds.max);
  }

  // The last view's canvas, left on screen until the next view's first picture is.
  function removeGhost(map) {
    var ghost = map._partnershipGhost;
    map._partnershipGhost = null;
    if (ghost && ghost.parentNode) {
      ghost.parentNode.removeChild(ghost);
    }
  }

  // The hovered line is drawn again, highlighted, on a canvas of its own just above the lines
  // (and below Leaflet's markers and tooltips), with the places on top as in the picture: a
  // hover does not paint the map's picture again. (It did: a picture takes about 40 ms at
  // 1,000 lines on the page and 0.5 s at 10,000 in the worker, and the highlight came that late.)
  var HIGHLIGHT_PANE = "partnershipHighlight";

  function highlightPane(map) {
    var pane = map.getPane(HIGHLIGHT_PANE);
    if (!pane) {
      pane = map.createPane(HIGHLIGHT_PANE);
      pane.style.zIndex = 401; // the overlay pane, where the lines are, is 400
      pane.style.pointerEvents = "none";
    }
    return pane;
  }

  // One worker per map frame, made when the first canvas needs it; null where a browser has
  // no OffscreenCanvas or worker (or refuses one from a blob: address), and then the page paints.
  var painter = {
    worker: undefined,
    canvases: {},
    nextId: 1,

    get: function () {
      if (this.worker === undefined) {
        this.worker = null;
        try {
          if (window.Worker && window.OffscreenCanvas && new OffscreenCanvas(1, 1).getContext("2d")) {
            var source = "(" + paintScope.toString() + ")(self);";
            var url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
            this.worker = new Worker(url);
            this.worker.onmessage = this.receive.bind(this);
            this.worker.onerror = this.fail.bind(this);
          }
        } catch (error) {
          this.worker = null;
        }
      }
      return this.worker;
    },

    receive: function (event) {
      var canvas = this.canvases[event.data.id];
      if (canvas) {
        canvas._present(event.data.seq, event.data.bitmap);
      } else {
        event.data.bitmap.close();
      }
    },

    // A worker that fails (it cannot paint here after all) leaves its canvases to the page.
    fail: function (event) {
      if (event && event.preventDefault) {
        event.preventDefault();
      }
      if (this.worker) {
        this.worker.terminate();
      }
      this.worker = null;
      var canvases = this.canvases;
      this.canvases = {};
      Object.keys(canvases).forEach(function (id) {
        canvases[id]._paintOnPageFromNowOn();
      });
    },
  };

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
      // options.inWorker: painted in a worker if the browser has one (partnership_layer.js
      // asks for it above view.workerAbove lines).
      var worker = this.options.inWorker ? painter.get() : null;
      // (Added again, as after a failed worker, it may be painted otherwise than before.)
      this._paintId = null;
      this._shown = false;
      this._shownPlace = null;
      this._painting = null;
      if (worker) {
        this._paintId = painter.nextId++;
        painter.canvases[this._paintId] = this;
        worker.postMessage({ type: "scene", id: this._paintId, arcs: this._arcs, boxes: this._boxes, places: this._places });
      }
      L.Canvas.prototype.onAdd.call(this, map);
      this._highlight = L.DomUtil.create("canvas", "partnership-highlight", highlightPane(map));
    },

    // A zoom or a fly scales the lines' canvas as it goes, and not the highlight: it goes when
    // they start (and at each step of a fly) and comes back when the map is at rest (_update).
    getEvents: function () {
      var events = L.Canvas.prototype.getEvents.call(this);
      events.zoomstart = this._clearHighlight;
      return events;
    },

    _onZoom: function () {
      this._clearHighlight();
      L.Canvas.prototype._onZoom.call(this);
    },

    // Leaflet's, but painted in a worker the canvas shows pictures (ImageBitmaps) instead of
    // drawing itself: a canvas has one kind of context for good, so it is chosen here.
    _initContainer: function () {
      var container = (this._container = document.createElement("canvas"));
      L.DomEvent.on(container, "mousemove", this._onMouseMove, this);
      L.DomEvent.on(container, "click dblclick mousedown mouseup contextmenu", this._onClick, this);
      L.DomEvent.on(container, "mouseout", this._handleMouseOut, this);
      container._leaflet_disable_events = true;
      this._ctx = container.getContext(this._paintId ? "bitmaprenderer" : "2d");
      container.setAttribute("data-painted-in", this._paintId ? "worker" : "page");
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

    // Bottom to top: every line but the top ones, the top ones, then (withHovered, as the
    // pointer sees them) the hovered line.
    _drawOrder: function (withHovered) {
      var top = this._topLines.slice();
      if (withHovered && this._hovered && this._hovered.kind === "line") {
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
    // (After a view reset, too: in the worker, a picture is needed only where the map moved.)
    _updatePaths: function () {
      if (this._postponeUpdatePaths) {
        return;
      }
      if (this._paintId) {
        this._requestPaint(false);
      } else {
        this._redraw();
      }
    },

    // Leaflet's canvas projects each path again here; this one scales its points at each draw.
    _onZoomEnd: function () {},

    // On the page: Leaflet has sized and placed the canvas (_update) and cleared it (_redraw).
    _draw: function () {
      if (this._paintId) {
        // (Only from Leaflet's onAdd, right after _update asked for the first picture.)
        if (!this._painting) {
          this._requestPaint(true);
        }
      } else if (this._map && this._ctx) {
        paintOnPage(this._ctx, { arcs: this._arcs, boxes: this._boxes, places: this._places }, this._paintFrame(this._bounds));
      }
    },

    // Scale, origin and styles of the lines and places now, in drawing order, for a canvas
    // covering `bounds` (layer pixels): every line as it looks unhovered, or only the line
    // `hoveredLine`, hovered (the highlight).
    _paintFrame: function (bounds, hoveredLine) {
      var frame = this._frame();
      var owner = this._owner;
      var order = hoveredLine === undefined ? this._drawOrder(false) : [hoveredLine];
      var lineStyle = new Uint16Array(order.length);
      var casing = new Uint8Array(order.length);
      var lineStyles = [];
      var known = {};
      for (var o = 0; o < order.length; o++) {
        var index = order[o];
        var style = owner._lineStyle(index, index === hoveredLine);
        var key = [style.color, style.dashArray, style.weight, style.opacity, style.lineCap].join("|");
        if (!(key in known)) {
          known[key] = lineStyles.length;
          lineStyles.push({
            color: style.color,
            dash: this._dash(style.dashArray),
            weight: style.weight,
            opacity: style.opacity,
            lineCap: style.lineCap,
          });
        }
        lineStyle[o] = known[key];
        casing[o] = this._topLines.indexOf(index) >= 0 ? 1 : 0;
      }
      var placeStyle = new Uint16Array(this._places.length / 2);
      var placeStyles = [];
      var knownPlaces = {};
      for (var i = 0; i < placeStyle.length; i++) {
        var place = owner._placeStyle(i);
        var placeKey = place.radius + "|" + place.fillColor;
        if (!(placeKey in knownPlaces)) {
          knownPlaces[placeKey] = placeStyles.length;
          placeStyles.push({ radius: place.radius, fillColor: place.fillColor });
        }
        placeStyle[i] = knownPlaces[placeKey];
      }
      return {
        k: frame.scale,
        ox: frame.origin.x,
        oy: frame.origin.y,
        area: [bounds.min.x, bounds.min.y, bounds.max.x, bounds.max.y],
        order: Int32Array.from(order),
        lineStyle: lineStyle,
        casing: casing,
        lineStyles: lineStyles,
        placeStyle: placeStyle,
        placeStyles: placeStyles,
      };
    },

    // ---- painted in the worker ----------------------------------------------------------
    // Leaflet moves and clears its canvas at once when the map has moved (_update), then
    // draws. Here the worker's picture comes a little later, so the canvas keeps showing the
    // last picture, where it was, until the new one is ready; then both change together, in
    // one task: the lines never jump or blink. The picture asked for last is the one shown:
    // the worker drops an older one it is still painting.

    // Leaflet updates its renderers on the view reset and again on the move end of one
    // setView (a zoom without animation): the second time nothing has moved. On the page that
    // would draw every line again; in the worker, _requestPaint finds the same place.
    _update: function () {
      if (this._map._animatingZoom && this._bounds) {
        return;
      }
      this._requestHighlight();
      if (!this._paintId) {
        if (!samePlace(this._placeNow(), { bounds: this._bounds, zoom: this._zoom })) {
          L.Canvas.prototype._update.call(this);
        }
        return;
      }
      if (!this._bounds) {
        // Where the (still empty) canvas is, for Leaflet's zoom animation until the first picture.
        L.Renderer.prototype._update.call(this);
      }
      this._requestPaint(false);
    },

    _redraw: function () {
      if (!this._paintId) {
        L.Canvas.prototype._redraw.call(this);
        return;
      }
      this._requestPaint(true);
    },

    // Where the canvas goes for the map as it is now (Leaflet's Renderer._update): its bounds
    // in layer pixels, padded around the map, and the map's centre and zoom.
    _placeNow: function () {
      var map = this._map;
      var p = this.options.padding;
      var size = map.getSize();
      var min = map.containerPointToLayerPoint(size.multiplyBy(-p)).round();
      return { bounds: new L.Bounds(min, min.add(size.multiplyBy(1 + p * 2)).round()), center: map.getCenter(), zoom: map.getZoom() };
    },

    // restyled: the lines' looks changed (hover), not only where the map is.
    _requestPaint: function (restyled) {
      var map = this._map;
      if (!map || map._animatingZoom) {
        return;
      }
      var place = this._placeNow();
      var latest = this._painting ? this._painting.place : this._shownPlace;
      if (!restyled && samePlace(place, latest)) {
        return;
      }
      var bounds = place.bounds;
      var min = bounds.min;
      var ratio = L.Browser.retina ? 2 : 1;
      var frame = this._paintFrame(bounds);
      frame.type = "paint";
      frame.id = this._paintId;
      frame.seq = (this._paintSeq || 0) + 1;
      frame.ratio = ratio;
      frame.minX = min.x;
      frame.minY = min.y;
      frame.width = ratio * bounds.getSize().x;
      frame.height = ratio * bounds.getSize().y;
      this._paintSeq = frame.seq;
      this._painting = { seq: frame.seq, place: place };
      // For tests and benchmarks: a picture is on its way.
      this._container.setAttribute("data-painting", "");
      painter.get().postMessage(frame);
    },

    // The worker's picture: the canvas takes its place, size and picture in one go.
    _present: function (seq, bitmap) {
      var painting = this._painting;
      var map = this._map;
      if (!painting || painting.seq !== seq) {
        // An older picture than the one asked for last (the worker was told to drop it as it
        // finished): the newer one is on its way.
        bitmap.close();
        return;
      }
      this._painting = null;
      this._container.removeAttribute("data-painting");
      if (!map || map._animatingZoom) {
        // Removed, or zooming (Leaflet asks for a picture again when the zoom ends).
        bitmap.close();
        return;
      }
      var container = this._container;
      var place = painting.place;
      var size = place.bounds.getSize();
      this._shownPlace = place;
      this._bounds = place.bounds;
      this._center = place.center;
      this._zoom = place.zoom;
      L.DomUtil.setPosition(container, place.bounds.min);
      container.width = bitmap.width;
      container.height = bitmap.height;
      container.style.width = size.x + "px";
      container.style.height = size.y + "px";
      this._ctx.transferFromImageBitmap(bitmap);
      // Where the map is now (it may be flying): as Leaflet places its canvas on each zoom.
      this._updateTransform(map.getCenter(), map.getZoom());
      if (!this._shown) {
        this._shown = true;
        removeGhost(map);
        this._owner._linesShown();
      }
    },

    // The worker failed: a canvas of the page's own takes this one's place and draws at once.
    _paintOnPageFromNowOn: function () {
      var map = this._map;
      var old = this._container;
      this._paintId = null;
      this._painting = null;
      L.DomEvent.off(old);
      this._initContainer();
      if (this._zoomAnimated) {
        L.DomUtil.addClass(this._container, "leaflet-zoom-animated");
      }
      if (old.parentNode) {
        old.parentNode.replaceChild(this._container, old);
      }
      if (map) {
        removeGhost(map);
        // Sized, placed and drawn as Leaflet's canvas is after a view reset.
        L.Canvas.prototype._update.call(this);
        this._updateTransform(this._center, this._zoom);
        if (!this._shown) {
          this._shown = true;
          this._owner._linesShown();
        }
      }
    },

    // Drawn at once on the page; in the worker, once its first picture is on screen.
    isShown: function () {
      return !this._paintId || !!this._shown;
    },

    // Leaving the map, a painted canvas stays on screen as the map's "ghost" until the next
    // view's first picture replaces it (or the next view draws in SVG): no blank map between.
    _destroyContainer: function () {
      var map = this._map;
      var container = this._container;
      L.Util.cancelAnimFrame(this._highlightRequest);
      this._highlightRequest = null;
      L.DomUtil.remove(this._highlight);
      this._highlight = null;
      if (!this._paintId || !map || !this._shown) {
        L.Canvas.prototype._destroyContainer.call(this);
        if (this._paintId) {
          this._forget();
        }
        return;
      }
      this._forget();
      L.DomEvent.off(container);
      removeGhost(map);
      map._partnershipGhost = container;
      delete this._ctx;
      delete this._container;
    },

    _forget: function () {
      var worker = painter.get();
      delete painter.canvases[this._paintId];
      if (worker) {
        worker.postMessage({ type: "forget", id: this._paintId });
      }
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
      var order = this._drawOrder(true);
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
        this._requestHighlight();
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
        this._requestHighlight();
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

    // The highlight, once per animation frame at most.
    _requestHighlight: function () {
      if (this._map && this._highlight) {
        this._highlightRequest = this._highlightRequest || L.Util.requestAnimFrame(this._drawHighlight, this);
      }
    },

    // The hovered line (if any) on the highlight canvas, which covers what the lines' canvas
    // covers now: sized and placed as Leaflet sizes and places its canvas (Canvas._update).
    _drawHighlight: function () {
      this._highlightRequest = null;
      var map = this._map;
      var canvas = this._highlight;
      if (!map || !canvas) {
        return;
      }
      var hovered = this._hovered && this._hovered.kind === "line" ? this._hovered.index : -1;
      if (hovered < 0 || map._animatingZoom) {
        this._clearHighlight();
        return;
      }
      var bounds = this._placeNow().bounds;
      var size = bounds.getSize();
      var ratio = L.Browser.retina ? 2 : 1;
      L.DomUtil.setPosition(canvas, bounds.min);
      if (canvas.width !== ratio * size.x || canvas.height !== ratio * size.y) {
        canvas.width = ratio * size.x;
        canvas.height = ratio * size.y;
        canvas.style.width = size.x + "px";
        canvas.style.height = size.y + "px";
      }
      var ctx = canvas.getContext("2d");
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(ratio, 0, 0, ratio, -bounds.min.x * ratio, -bounds.min.y * ratio);
      paintOnPage(ctx, { arcs: this._arcs, boxes: this._boxes, places: this._places }, this._paintFrame(bounds, hovered));
      // For tests: which line the highlight shows.
      canvas.setAttribute("data-line", this._owner._target("line", hovered).feature.properties.id);
    },

    _clearHighlight: function () {
      var canvas = this._highlight;
      if (canvas && canvas.hasAttribute("data-line")) {
        var ctx = canvas.getContext("2d");
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        canvas.removeAttribute("data-line");
      }
    },
  });

  L.partnershipCanvas = function (owner, arcs, places, options) {
    return new L.PartnershipCanvas(owner, arcs, places, options);
  };
  L.partnershipCanvas.removeGhost = removeGhost;
  // Which worker paints (null: the page does), for tests and for a look in the console.
  L.partnershipCanvas.painter = painter;
})();
