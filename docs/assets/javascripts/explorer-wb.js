/* The (W, b) explorer of the gd-tutorial site: plain JavaScript and SVG, no library.
 *
 * It runs gd_tutorial.gradient_descent, momentum_descent (plain or Nesterov) or adam_descent
 * on H(x) = W * x + b, step for step in float64, on the data the page embeds at build time
 * (data-gd-explorer-wb, written from gd_tutorial.toy_data, curvatures and max_stable_lr). Its
 * settings are in data-state: {"method": the package function, ...its keyword arguments}, and
 * the log it prints (data-gd-log) is that call's History.format_log(). The per-step rates are
 * those of gd_tutorial.rates (descent_rate, momentum_rate, damping, momentum_max_lr, best_lr,
 * best_momentum, epochs_to_shrink).
 *
 * It needs explorer.js first: the words (one table for both explorers), the number formats,
 * the divergence message and the charts' axes come from window.gdExplorer.
 */
(() => {
  "use strict";
  const root = document.querySelector("[data-gd-explorer-wb]");
  if (!root || !window.gdExplorer) return;
  const G = window.gdExplorer;
  const { T, say, fixed, general, repr, brief, svg } = G;
  const data = JSON.parse(root.getAttribute("data-gd-explorer-wb"));
  const { x, y } = data;
  const m = x.length;
  const [lmin, lmax] = data.curvatures;
  const MAP = { w: 360, h: 320, l: 50, r: 10, t: 34, b: 42 };
  const COSTS = { w: 360, h: 250, l: 50, r: 10, t: 34, b: 42 };
  const EPS = 1e-8; // adam_descent's default eps

  // --- The cost, its gradient, and its minimum (least squares: the normal equations) -------
  function measure(W, b) {
    let squares = 0;
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < m; i++) {
      const r = W * x[i] + b - y[i];
      squares += r * r;
      gw += r * x[i];
      gb += r;
    }
    return { cost: squares / m, gw: 2 * (gw / m), gb: 2 * (gb / m) };
  }
  const sx = x.reduce((a, v) => a + v, 0);
  const sxx = x.reduce((a, v) => a + v * v, 0);
  const sxy = x.reduce((a, v, i) => a + v * y[i], 0);
  const sy = y.reduce((a, v) => a + v, 0);
  const det = m * sxx - sx * sx;
  const best = [(m * sxy - sx * sy) / det, (sxx * sy - sx * sxy) / det];
  const floorCost = measure(...best).cost;
  // The Hessian 2/m [[sum x^2, sum x], [sum x, m]]: its eigenvectors are the ellipses' axes.
  const [ha, hb, hd] = [(2 * sxx) / m, (2 * sx) / m, 2];
  const axis = (l) => {
    const v = Math.abs(hb) > 0 ? [hb, l - ha] : l === lmin ? [0, 1] : [1, 0];
    const n = Math.hypot(...v);
    return [v[0] / n, v[1] / n];
  };
  void hd;

  // --- The run: the package's steps, for each rule ------------------------------------------
  // momentum_descent: v = g first, then momentum * v + g; step v, or g + momentum * v (Nesterov).
  // adam_descent: m, v running averages from 0, corrected by 1 - beta**t; step m_hat / (sqrt(v_hat) + eps).
  function descend(s) {
    let p = [s.w0, s.b0];
    const rows = [];
    const vel = [null, null];
    const m1 = [0, 0];
    const m2 = [0, 0];
    let t = 0;
    let overflowed = false;
    for (let epoch = 0; epoch <= s.epochs; epoch++) {
      const { cost, gw, gb } = measure(p[0], p[1]);
      if (![p[0], p[1], cost, gw, gb].every(Number.isFinite)) {
        overflowed = true;
        break;
      }
      rows.push([p[0], p[1], cost]);
      if (epoch === s.epochs) break;
      const g = [gw, gb];
      if (s.rule === "plain") {
        p = p.map((v, i) => v - s.lr * g[i]);
      } else if (s.rule === "adam") {
        t += 1;
        const [b1, b2] = [s.beta1, s.beta2];
        p = p.map((v, i) => {
          m1[i] = b1 * m1[i] + (1 - b1) * g[i];
          m2[i] = b2 * m2[i] + (1 - b2) * g[i] * g[i];
          const mHat = m1[i] / (1 - b1 ** t);
          const vHat = m2[i] / (1 - b2 ** t);
          return v - (s.lr * mHat) / (Math.sqrt(vHat) + EPS);
        });
      } else {
        const mu = s.momentum;
        p = p.map((v, i) => {
          vel[i] = vel[i] === null ? g[i] : mu * vel[i] + g[i];
          const step = s.rule === "nesterov" ? g[i] + mu * vel[i] : vel[i];
          return v - s.lr * step;
        });
      }
    }
    const costs = rows.map((r) => r[2]);
    const momentum = s.rule === "momentum" || s.rule === "nesterov";
    const unstable = momentum ? G.momentumUnstable(s.lr, s.momentum, [lmin, lmax], s.rule === "nesterov") : undefined;
    const message = G.divergenceMessage({ costs, overflowed, lr: s.lr, method: methodName(s), reduction: "mean", bias: true, bound: data.bound, unstable });
    const lines = rows.map(
      ([W, b, c], k) => `Epoch ${String(k).padStart(4)}/${s.epochs} W: ${fixed(W, 3)}, b: ${fixed(b, 3)}, Cost: ${fixed(c, 6)}`
    );
    return { rows, costs, lines, message, log: [...lines, ...(message ? [message] : [])] };
  }

  // History.method of the package's run.
  function methodName(s) {
    if (s.rule === "plain") return "by hand";
    if (s.rule === "adam") return `Adam by hand (betas=(${repr(s.beta1)}, ${repr(s.beta2)}), eps=${general(EPS)})`;
    return `${s.rule === "nesterov" ? "Nesterov momentum" : "momentum"} by hand (momentum=${general(s.momentum)})`;
  }

  // The call the explorer makes: the package function and its keyword arguments.
  function call(s) {
    const start = { w0: s.w0, b0: s.b0 };
    if (s.rule === "plain") return { method: "gradient_descent", lr: s.lr, epochs: s.epochs, ...start };
    if (s.rule === "adam") return { method: "adam_descent", lr: s.lr, epochs: s.epochs, betas: [s.beta1, s.beta2], ...start };
    return { method: "momentum_descent", lr: s.lr, epochs: s.epochs, momentum: s.momentum, nesterov: s.rule === "nesterov", ...start };
  }

  // --- gd_tutorial.rates, the same formulas ------------------------------------------------
  const descentRate = (lr) => Math.max(...data.curvatures.map((l) => Math.abs(1 - lr * l)));
  // The 2x2 recurrence on (x_t, x_t-1) along one direction: z^2 - a z + c = 0.
  function recurrence(lr, mu, l, nesterov) {
    const a = nesterov ? (1 + mu) * (1 - lr * l) : 1 + mu - lr * l;
    const c = nesterov ? mu * (1 - lr * l) : mu;
    return { a, c, disc: a * a - 4 * c };
  }
  function directionRate(lr, mu, l, nesterov) {
    const { a, c, disc } = recurrence(lr, mu, l, nesterov);
    return disc < 0 ? Math.sqrt(c) : (Math.abs(a) + Math.sqrt(disc)) / 2;
  }
  function damping(lr, mu, l, nesterov) {
    const { a, c, disc } = recurrence(lr, mu, l, nesterov);
    if (Math.abs(disc) <= 1e-9 * Math.max(a * a, 4 * Math.abs(c))) return "critically damped";
    return disc < 0 ? "underdamped" : "overdamped";
  }
  const momentumMaxLr = (mu, nesterov) => {
    const bound = (2 * (1 + mu)) / lmax;
    return nesterov ? bound / (1 + 2 * mu) : bound;
  };
  const bestLr = 2 / (lmin + lmax);
  const [low, high] = [Math.sqrt(lmin), Math.sqrt(lmax)];
  const bestMomentum = [(2 / (high + low)) ** 2, ((high - low) / (high + low)) ** 2];
  const toShrink = G.toShrink;

  // --- The words: rates and verdict --------------------------------------------------------
  const f4 = (v) => fixed(v, 4);
  function rates(s) {
    const curv = say("wbCurv", { lo: f4(lmin), hi: f4(lmax), k: fixed(lmax / lmin, 1), bound: fixed(data.bound, 6) });
    if (s.rule === "adam") return { text: `${curv} ${T.wbAdamRates}`, rate: null };
    if (s.rule === "plain") {
      const rate = descentRate(s.lr);
      return { text: `${curv} ${say("wbPlainRates", { a: f4(Math.abs(1 - s.lr * lmin)), b: f4(Math.abs(1 - s.lr * lmax)), r: f4(rate) })}`, rate };
    }
    const nest = s.rule === "nesterov";
    const [a, b] = [lmin, lmax].map((l) => directionRate(s.lr, s.momentum, l, nest));
    const [da, db] = [lmin, lmax].map((l) => T.wbDamping[damping(s.lr, s.momentum, l, nest)]);
    const rate = Math.max(a, b);
    return { text: `${curv} ${say("wbMomRates", { a: f4(a), da, b: f4(b), db, r: f4(rate), bound: fixed(momentumMaxLr(s.momentum, nest), 6) })}`, rate };
  }
  const distance = (r) => Math.hypot(r[0] - best[0], r[1] - best[1]);
  function verdict(s, run, rate) {
    const first = run.rows[0];
    const last = run.rows[run.rows.length - 1];
    const tail = say("wbDistance", { n: run.rows.length - 1, d: general(distance(last)), d0: general(distance(first)) });
    if (distance(first) === 0) return T.wbStays;
    if (rate === null) return T.wbAdam + tail.trim();
    if (Math.abs(rate - 1) <= 1e-9) return T.wbEdge + tail;
    return (rate < 1 ? say("wbConverges", { r: f4(rate), n: toShrink(rate) }) : say("wbDiverges", { r: f4(rate) })) + tail;
  }

  // --- The map: contour lines, the minimum and the path, W and b on the same scale ----------
  let view = null; // what the last drawing showed, for a tap on the map
  function drawMap(node, s, run) {
    const pts = run.rows.map((r) => [r[0], r[1]]);
    const ws = [best[0], ...pts.map((p) => p[0])];
    const bs = [best[1], ...pts.map((p) => p[1])];
    let [w0, w1, b0, b1] = [Math.min(...ws), Math.max(...ws), Math.min(...bs), Math.max(...bs)];
    const pw = MAP.w - MAP.l - MAP.r;
    const ph = MAP.h - MAP.t - MAP.b;
    const span = Math.max((w1 - w0) / pw, (b1 - b0) / ph, 2 / ph) * 1.15; // data per pixel
    const [cw, cb] = [(w0 + w1) / 2, (b0 + b1) / 2];
    [w0, w1] = [cw - (span * pw) / 2, cw + (span * pw) / 2];
    [b0, b1] = [cb - (span * ph) / 2, cb + (span * ph) / 2];
    const { sx: px, sy: py } = G.axes(
      node,
      { title: say("wbMapTitle", { rule: T.wbRules[s.rule], lr: general(s.lr) }), x: [w0, w1], y: [b0, b1], xlabel: "W", ylabel: "b" },
      MAP
    );
    view = { w0, w1, b0, b1 };
    const clip = svg("clipPath", { id: "gdw-clip" }, node);
    svg("rect", { x: MAP.l, y: MAP.t, width: pw, height: ph }, clip);
    const g = svg("g", { "clip-path": "url(#gdw-clip)" }, node);
    // Levels of cost - min: from the farthest corner down, each a third of the last.
    const corners = [[w0, b0], [w0, b1], [w1, b0], [w1, b1]].map((c) => measure(...c).cost - floorCost);
    const top = Math.max(...corners.filter(Number.isFinite));
    const [u, v] = [axis(lmin), axis(lmax)];
    for (let k = 0, level = top; k < 12 && Number.isFinite(level) && level > 0; k++, level /= 3) {
      const [ru, rv] = [Math.sqrt(2 / lmin) * Math.sqrt(level), Math.sqrt(2 / lmax) * Math.sqrt(level)];
      const d = Array.from({ length: 73 }, (_, i) => {
        const th = (i / 72) * 2 * Math.PI;
        const W = best[0] + ru * Math.cos(th) * u[0] + rv * Math.sin(th) * v[0];
        const b = best[1] + ru * Math.cos(th) * u[1] + rv * Math.sin(th) * v[1];
        return `${i ? "L" : "M"}${px(W).toFixed(1)},${clampY(b, b0, b1, py).toFixed(1)}`;
      }).join("");
      svg("path", { class: "gdw-contour", d }, g);
    }
    svg("path", { class: "gdw-best", d: `M${px(best[0]) - 6},${py(best[1])}h12M${px(best[0])},${py(best[1]) - 6}v12` }, g);
    const d = pts.map((p, i) => `${i ? "L" : "M"}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join("");
    svg("path", { d, class: "gdx-step-line" }, g);
    pts.forEach((p, i) => svg(i ? "circle" : "rect", i ? { cx: px(p[0]).toFixed(1), cy: py(p[1]).toFixed(1), r: 2.5, class: "gdx-step" } : { x: px(p[0]) - 5, y: py(p[1]) - 5, width: 10, height: 10, class: "gdw-start" }, g));
    const last = pts[pts.length - 1];
    node.setAttribute("aria-label", say("wbMapLabel", { n: pts.length, a: `(${brief(pts[0][0])}, ${brief(pts[0][1])})`, b: `(${brief(last[0])}, ${brief(last[1])})`, best: `(${general(best[0])}, ${general(best[1])})` }));
  }
  // axes() clamps y to the plot; contour points beyond it are clipped instead.
  const clampY = (b, lo, hi, py) => (b < lo || b > hi ? MAP.h - MAP.b - ((b - lo) / (hi - lo)) * (MAP.h - MAP.t - MAP.b) : py(b));

  // --- The controls -------------------------------------------------------------------------
  const st = data.start;
  const state = { rule: st.nesterov ? "nesterov" : "momentum", lr: st.lr, epochs: st.epochs, momentum: st.momentum, beta1: 0.9, beta2: 0.999, w0: st.w0, b0: st.b0 };
  const lists = {
    lr: [...G.range(0.001, 0.01, 0.001, 3), ...G.range(0.015, 0.5, 0.005, 3), ...G.range(0.55, 1, 0.05, 2)],
    momentum: G.range(0.01, 0.99, 0.01, 2),
    beta1: G.range(0, 0.99, 0.01, 2),
    beta2: [0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999],
    epochs: G.EPOCHS,
    w0: G.range(-3, 5, 0.1, 1),
    b0: G.range(-3, 5, 0.1, 1),
  };
  const rules = Object.keys(T.wbRules)
    .map((r) => `<label><input type="radio" name="gdw-rule" value="${r}"> ${T.wbRules[r]}</label>`)
    .join("\n    ");
  root.insertAdjacentHTML(
    "beforeend",
    `<div class="gdx-controls">
  <fieldset class="gdx-field"><legend>${T.wbRule}</legend>
    ${rules}</fieldset>
  ${G.slider("gdw-lr", `${T.lr} <code>lr</code>`, lists.lr)}
  <div class="gdx-presets" role="group" aria-label="${T.presets}">
    <button type="button" class="gdx-button" data-preset="best-lr">lr = 2/(λ_min + λ_max)</button>
    <button type="button" class="gdx-button" data-preset="best-pair">${T.wbBestPair}</button></div>
  ${G.slider("gdw-momentum", `${T.momentum} <code>momentum</code>`, lists.momentum)}
  ${G.slider("gdw-beta1", T.wbBeta1, lists.beta1)}
  ${G.slider("gdw-beta2", T.wbBeta2, lists.beta2)}
  ${G.slider("gdw-epochs", T.epochs, lists.epochs)}
  ${G.slider("gdw-w0", `${T.w0} <code>w0</code>`, lists.w0)}
  ${G.slider("gdw-b0", `${T.wbB0} <code>b0</code>`, lists.b0)}
</div>
<p class="gdx-bound" id="gdw-rates"></p>
<p class="gdx-verdict" id="gdw-verdict" role="status" aria-live="polite"></p>
<div class="gdx-charts"><svg id="gdw-map" role="img" viewBox="0 0 ${MAP.w} ${MAP.h}"></svg><svg id="gdw-costs" role="img" viewBox="0 0 ${COSTS.w} ${COSTS.h}"></svg></div>
<p class="gdx-caption">${T.wbTap} ${T.caption}</p>
<pre class="gdx-log" id="gdw-log" data-gd-log tabindex="0" aria-label="${T.logLabel}"></pre>
<p class="gdx-cut" id="gdw-cut" hidden></p>`
  );
  const $ = (id) => root.querySelector(`#${id}`);
  const keys = ["lr", "momentum", "beta1", "beta2", "epochs", "w0", "b0"];
  const inputs = Object.fromEntries(keys.map((k) => [k, $(`gdw-${k}`)]));

  function render() {
    G.show(inputs, lists, state);
    $("gdw-epochs-out").value = String(state.epochs);
    root.querySelector(`input[name="gdw-rule"][value="${state.rule}"]`).checked = true;
    const adam = state.rule === "adam";
    inputs.momentum.parentNode.hidden = adam || state.rule === "plain";
    inputs.beta1.parentNode.hidden = !adam;
    inputs.beta2.parentNode.hidden = !adam;
    const run = descend(state);
    const { text, rate } = rates(state);
    $("gdw-rates").textContent = text;
    $("gdw-verdict").textContent = verdict(state, run, rate);
    const { shown, cut } = G.shownLog(run.lines, run.rows, run.message);
    $("gdw-log").textContent = shown.join("\n");
    $("gdw-cut").hidden = cut < 0;
    $("gdw-cut").textContent = cut < 0 ? "" : say("cut", { k: cut });
    drawMap($("gdw-map"), state, run);
    G.drawCosts($("gdw-costs"), run.costs, COSTS);
    root.dataset.state = JSON.stringify(call(state));
  }

  // for the site's tests
  root.explorer = { descend, call, state, lists, best, curvatures: data.curvatures, descentRate, directionRate, damping, momentumMaxLr, bestLr, bestMomentum, toShrink };
  G.wire(root, inputs, lists, state, render);
  root.querySelectorAll('input[name="gdw-rule"]').forEach((radio) =>
    radio.addEventListener("change", () => {
      state.rule = radio.value;
      render();
    })
  );
  root.querySelectorAll("[data-preset]").forEach((button) =>
    button.addEventListener("click", () => {
      if (button.dataset.preset === "best-lr") Object.assign(state, { rule: "plain", lr: bestLr });
      else Object.assign(state, { rule: "momentum", lr: bestMomentum[0], momentum: bestMomentum[1] });
      render();
    })
  );
  // A tap or click on the map starts the run there (to the sliders' 0.1 grid).
  $("gdw-map").addEventListener("click", (event) => {
    const box = event.currentTarget.getBoundingClientRect();
    const [X, Y] = [((event.clientX - box.left) / box.width) * MAP.w, ((event.clientY - box.top) / box.height) * MAP.h];
    const W = view.w0 + ((X - MAP.l) / (MAP.w - MAP.l - MAP.r)) * (view.w1 - view.w0);
    const b = view.b0 + ((MAP.h - MAP.b - Y) / (MAP.h - MAP.t - MAP.b)) * (view.b1 - view.b0);
    state.w0 = lists.w0[G.nearest(lists.w0, W)];
    state.b0 = lists.b0[G.nearest(lists.b0, b)];
    render();
  });
  G.keepInView(root);
  render();
})();
