/**
 * The study report's one inline script: draws every chart on <canvas> from the data embedded before
 * it (`var DATA = …;`), so 10,000 trials cost a few path operations each instead of 10,000 DOM nodes.
 * Plain ES2017, no libraries; the page's CSP allows only this script, by hash. When all charts are
 * drawn it sets `data-rendered` (milliseconds spent) on <body>, which the browser test waits for.
 */
export const studyReportScript = String.raw`
(function () {
  'use strict';
  var t0 = performance.now();
  var D = DATA, T = D.trials, n = T.number.length;
  var BLUE = '#4c78a8', ORANGE = '#f58518', RED = '#c0392b', GREY = '#999', INFEASIBLE = '#a06ebe';
  var M = { l: 64, r: 16, t: 12, b: 40 };

  function fmt(v) {
    if (v === null || v === undefined) return '—';
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(4)));
    return v.toExponential(2).replace('e+', 'e');
  }
  function finite(xs) { return xs.filter(function (v) { return v !== null && isFinite(v); }); }
  // A scale on [lo, hi]: log when asked and possible, padded so points do not sit on the frame.
  function scale(values, log, a, b) {
    var v = finite(values);
    if (log) v = v.filter(function (x) { return x > 0; });
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < v.length; i++) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i]; }
    if (lo === Infinity) { lo = 0; hi = 1; log = false; }
    var f = log ? Math.log10 : function (x) { return x; };
    var L = f(lo), H = f(hi);
    if (L === H) { L -= 0.5; H += 0.5; }
    var pad = (H - L) * 0.03; L -= pad; H += pad;
    var s = function (x) { return a + (f(x) - L) / (H - L) * (b - a); };
    s.log = log; s.L = L; s.H = H; s.a = a; s.b = b;
    s.inv = function (p) { var u = L + (p - a) / (b - a) * (H - L); return log ? Math.pow(10, u) : u; };
    return s;
  }
  // A value axis spanning many decades of positive values reads better on a log scale.
  function wantsLog(values) {
    var v = finite(values);
    if (!v.length) return false;
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < v.length; i++) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i]; }
    return lo > 0 && hi / lo >= 1000;
  }
  function setup(canvas) {
    var r = window.devicePixelRatio || 1, w = canvas.width, h = canvas.height;
    canvas.style.width = w + 'px'; canvas.style.maxWidth = '100%';
    canvas.width = w * r; canvas.height = h * r;
    var ctx = canvas.getContext('2d');
    ctx.scale(r, r);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h);
    return { ctx: ctx, w: w, h: h };
  }
  // Round tick values (1, 2 or 5 × 10^k apart; powers of ten on a log scale spanning decades).
  function ticks(s, count) {
    var out = [], L = s.L, H = s.H;
    if (s.log && H - L >= 2) {
      for (var e = Math.ceil(L); e <= H; e += Math.max(1, Math.ceil((H - L) / count))) out.push(Math.pow(10, e));
      return out;
    }
    if (s.log) { for (var i = 0; i <= count; i++) out.push(s.inv(s.a + (s.b - s.a) * i / count)); return out; }
    var raw = (H - L) / count, mag = Math.pow(10, Math.floor(Math.log10(raw))), r = raw / mag;
    var step = (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * mag;
    for (var v = Math.ceil(L / step) * step; v <= H + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
  function frame(c, xs, ys, xLabel, yLabel, xCats) {
    var ctx = c.ctx;
    ctx.strokeStyle = '#eee'; ctx.fillStyle = '#555'; ctx.lineWidth = 1;
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    ticks(ys, 4).forEach(function (v) { var y = ys(v); ctx.beginPath(); ctx.moveTo(M.l, y); ctx.lineTo(c.w - M.r, y); ctx.stroke(); ctx.fillText(fmt(v), M.l - 4, y); });
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    if (xCats) xCats.forEach(function (name, i) { ctx.fillText(String(name), xs(i), c.h - M.b + 4); });
    else ticks(xs, c.w < 600 ? 3 : 6).forEach(function (v) { ctx.fillText(fmt(v), xs(v), c.h - M.b + 4); });
    ctx.strokeStyle = GREY; ctx.strokeRect(M.l, M.t, c.w - M.l - M.r, c.h - M.t - M.b);
    ctx.fillText(xLabel, (M.l + c.w - M.r) / 2, c.h - 16);
    ctx.save(); ctx.translate(12, (M.t + c.h - M.b) / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(yLabel, 0, 0); ctx.restore();
  }
  function dots(ctx, pts, color, size) {
    ctx.fillStyle = color;
    for (var i = 0; i < pts.length; i += 2) ctx.fillRect(pts[i] - size / 2, pts[i + 1] - size / 2, size, size);
  }
  // Trials that violate a constraint: purple crosses (dashed lines in parallel coordinates), never
  // ranked, the best or on the front. Each chart counts them in data-infeasible.
  function crosses(ctx, pts, size) {
    ctx.strokeStyle = INFEASIBLE; ctx.lineWidth = 2; ctx.beginPath();
    for (var i = 0; i < pts.length; i += 2) {
      ctx.moveTo(pts[i] - size, pts[i + 1] - size); ctx.lineTo(pts[i] + size, pts[i + 1] + size);
      ctx.moveTo(pts[i] - size, pts[i + 1] + size); ctx.lineTo(pts[i] + size, pts[i + 1] - size);
    }
    ctx.stroke(); ctx.lineWidth = 1;
  }
  var objName = D.study.directions.length > 1 ? 'objective 0' : 'objective';
  var isBad = {}; T.infeasible.forEach(function (i) { isBad[i] = true; });
  var complete = [], feasible = [], infeasible = [];
  for (var i = 0; i < n; i++) if (T.state[i] === 'complete' && T.values[0][i] !== null) { complete.push(i); (isBad[i] ? infeasible : feasible).push(i); }

  function history() {
    var el = document.getElementById('history-canvas'); if (!el) return;
    var c = setup(el), ys = T.values[0];
    var cv = complete.map(function (i) { return ys[i]; });
    var xs = scale(T.number, false, M.l, c.w - M.r), yv = scale(cv, wantsLog(cv), c.h - M.b, M.t);
    frame(c, xs, yv, 'trial', objName + (yv.log ? ' (log)' : ''));
    var pts = [], bad = [];
    feasible.forEach(function (i) { pts.push(xs(T.number[i]), yv(ys[i])); });
    infeasible.forEach(function (i) { bad.push(xs(T.number[i]), yv(ys[i])); });
    dots(c.ctx, pts, BLUE, n > 2000 ? 2 : 4); crosses(c.ctx, bad, n > 2000 ? 2 : 3);
    el.setAttribute('data-infeasible', String(infeasible.length));
    if (D.study.directions.length === 1) {
      var ctx = c.ctx, started = false; ctx.strokeStyle = RED; ctx.lineWidth = 2; ctx.beginPath();
      for (var k = 0; k < n; k++) {
        var b = T.bestSoFar[k]; if (b === null) continue;
        var x = xs(T.number[k]), y = yv(b);
        if (!started) { ctx.moveTo(x, y); started = true; } else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
    // Hover: the nearest complete trial by position, found by binary search on trial number.
    var out = document.getElementById('history-readout');
    el.addEventListener('mousemove', function (ev) {
      if (!complete.length) return;
      var rect = el.getBoundingClientRect(), px = (ev.clientX - rect.left) * (c.w / rect.width);
      var want = xs.inv(px), lo = 0, hi = complete.length - 1;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (T.number[complete[mid]] < want) lo = mid + 1; else hi = mid; }
      if (lo > 0 && Math.abs(T.number[complete[lo - 1]] - want) < Math.abs(T.number[complete[lo]] - want)) lo--;
      var i = complete[lo];
      out.textContent = 'trial ' + T.number[i] + ': ' + fmt(ys[i]) + (isBad[i] ? ' (infeasible)' : '') + ' · ' + D.params.map(function (p, j) { return p.name + '=' + show(j, T.params[j][i]); }).join(' ');
    });
  }
  function show(j, v) { var p = D.params[j]; return v === null ? '—' : p.kind === 'categorical' ? String(p.choices[v]) : fmt(v); }

  function curves() {
    var el = document.getElementById('intermediate-canvas'); if (!el) return;
    var c = setup(el), all = [], steps = [];
    D.curves.shown.forEach(function (cu) { all.push.apply(all, cu.values); steps.push.apply(steps, cu.steps); });
    var xs = scale(steps, false, M.l, c.w - M.r), yv = scale(all, wantsLog(all), c.h - M.b, M.t);
    frame(c, xs, yv, 'step', 'intermediate value' + (yv.log ? ' (log)' : ''));
    var ctx = c.ctx; ctx.lineWidth = 1; ctx.globalAlpha = D.curves.shown.length > 300 ? 0.25 : 0.7;
    ['complete', 'pruned', 'fail', 'running'].forEach(function (state) {
      ctx.strokeStyle = state === 'complete' ? BLUE : state === 'pruned' ? ORANGE : GREY; ctx.beginPath();
      D.curves.shown.forEach(function (cu) {
        if (cu.state !== state) return;
        var pen = false;
        for (var k = 0; k < cu.steps.length; k++) {
          var v = cu.values[k]; if (v === null || (yv.log && v <= 0)) { pen = false; continue; }
          if (!pen) { ctx.moveTo(xs(cu.steps[k]), yv(v)); pen = true; } else ctx.lineTo(xs(cu.steps[k]), yv(v));
        }
        if (cu.steps.length === 1 && cu.values[0] !== null) ctx.rect(xs(cu.steps[0]) - 1, yv(cu.values[0]) - 1, 2, 2);
      });
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
  }

  // Colour of a trial by its objective's rank among complete ones: blue (best) to orange (worst).
  var rankColor = (function () {
    var sign = D.study.directions[0] === 'maximize' ? -1 : 1, order = feasible.slice().sort(function (a, b) { return sign * (T.values[0][a] - T.values[0][b]); });
    return { ofRank: function (r) { return 'rgb(' + Math.round(76 + 169 * r) + ',' + Math.round(120 + 13 * r) + ',' + Math.round(168 - 144 * r) + ')'; }, order: order };
  })();

  function parallel() {
    var el = document.getElementById('parallel-canvas'); if (!el) return;
    var c = setup(el), ctx = c.ctx;
    var axes = [{ name: objName, values: T.values[0], log: wantsLog(T.values[0]), cats: null }].concat(D.params.map(function (p, j) { return { name: p.name, values: T.params[j], log: p.log, cats: p.choices || null }; }));
    var left = M.l, right = c.w - 80, top = M.t + 14, bottom = c.h - M.b;
    var xOf = function (k) { return axes.length > 1 ? left + (right - left) * k / (axes.length - 1) : (left + right) / 2; };
    var scales = axes.map(function (a) { return a.cats ? scale([0, a.cats.length - 1], false, bottom, top) : scale(a.values, a.log, bottom, top); });
    function line(i) {
      var pen = false;
      for (var k = 0; k < axes.length; k++) {
        var v = axes[k].values[i];
        if (v === null || (scales[k].log && v <= 0)) { pen = false; continue; }
        var x = xOf(k), y = scales[k](v);
        if (!pen) { ctx.moveTo(x, y); pen = true; } else ctx.lineTo(x, y);
      }
    }
    // Infeasible trials first and dashed, beneath the ranked ones.
    ctx.globalAlpha = complete.length > 1000 ? 0.3 : 1; ctx.strokeStyle = INFEASIBLE; ctx.lineWidth = 2; ctx.setLineDash([5, 3]);
    ctx.beginPath(); infeasible.forEach(line); ctx.stroke(); ctx.setLineDash([]);
    el.setAttribute('data-infeasible', String(infeasible.length));
    // Worst first, so the best trials are drawn on top.
    ctx.lineWidth = 1; ctx.globalAlpha = complete.length > 1000 ? 0.2 : 0.6;
    var order = rankColor.order, buckets = 16;
    for (var bk = buckets - 1; bk >= 0; bk--) {
      ctx.beginPath(); ctx.strokeStyle = rankColor.ofRank(bk / (buckets - 1));
      for (var q = Math.floor(bk * order.length / buckets); q < Math.floor((bk + 1) * order.length / buckets); q++) {
        line(order[q]);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1; ctx.strokeStyle = '#333'; ctx.fillStyle = '#222'; ctx.textAlign = 'center';
    axes.forEach(function (a, k) {
      var x = xOf(k); ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
      ctx.textBaseline = 'bottom'; ctx.fillText(a.name + (scales[k].log ? ' (log)' : ''), x, top - 2);
      ctx.textBaseline = 'middle'; ctx.textAlign = 'left';
      if (a.cats) a.cats.forEach(function (name, ci) { ctx.fillText(String(name), x + 3, scales[k](ci)); });
      else [scales[k].inv(bottom), scales[k].inv(top)].forEach(function (v, e) { ctx.fillText(fmt(v), x + 3, e ? top + 6 : bottom - 6); });
      ctx.textAlign = 'center';
    });
  }

  function slices() {
    D.params.forEach(function (p, j) {
      var el = document.getElementById('slice-' + j); if (!el) return;
      var c = setup(el), ys = T.values[0], cv = complete.map(function (i) { return ys[i]; });
      var pv = complete.map(function (i) { return T.params[j][i]; });
      var xs = p.kind === 'categorical' ? scale([0, p.choices.length - 1], false, M.l, c.w - M.r) : scale(pv, p.log, M.l, c.w - M.r);
      var yv = scale(cv, wantsLog(cv), c.h - M.b, M.t);
      frame(c, xs, yv, p.name + (p.log ? ' (log)' : ''), objName, p.kind === 'categorical' ? p.choices : null);
      // Older trials lighter, newer darker, in 4 batches (one path each).
      var at = function (i, out) {
        var v = T.params[j][i]; if (v === null) return;
        var jitter = p.kind === 'categorical' ? ((i * 2654435761 % 1000) / 1000 - 0.5) * 12 : 0;
        out.push(xs(v) + jitter, yv(ys[i]));
      };
      for (var b = 0; b < 4; b++) {
        var pts = [];
        for (var q = Math.floor(b * feasible.length / 4); q < Math.floor((b + 1) * feasible.length / 4); q++) at(feasible[q], pts);
        c.ctx.globalAlpha = 0.35 + 0.2 * b; dots(c.ctx, pts, BLUE, complete.length > 2000 ? 2 : 4);
      }
      c.ctx.globalAlpha = 1;
      var bad = []; infeasible.forEach(function (i) { at(i, bad); }); crosses(c.ctx, bad, complete.length > 2000 ? 2 : 3);
    });
  }

  function pareto() {
    var el = document.getElementById('pareto-canvas'); if (!el || !D.paretoFront) return;
    var c = setup(el), a = T.values[0], b = T.values[1];
    var ca = complete.map(function (i) { return a[i]; }), cb = complete.map(function (i) { return b[i]; });
    var xs = scale(ca, false, M.l, c.w - M.r), yv = scale(cb, false, c.h - M.b, M.t);
    frame(c, xs, yv, 'objective 0 (' + D.study.directions[0] + ')', 'objective 1 (' + D.study.directions[1] + ')');
    var onFront = {}; D.paretoFront.forEach(function (num) { onFront[num] = true; });
    var rest = [], front = [], bad = [];
    complete.forEach(function (i) { (isBad[i] ? bad : onFront[T.number[i]] ? front : rest).push(xs(a[i]), yv(b[i])); });
    crosses(c.ctx, bad, complete.length > 2000 ? 2 : 3); dots(c.ctx, rest, BLUE, complete.length > 2000 ? 2 : 4); dots(c.ctx, front, RED, 6);
    el.setAttribute('data-infeasible', String(bad.length / 2));
  }

  [history, curves, parallel, slices, pareto].forEach(function (draw) { draw(); });
  document.body.setAttribute('data-rendered', String(Math.round(performance.now() - t0)));
})();
`;
