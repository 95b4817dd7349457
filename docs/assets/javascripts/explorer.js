/* The explorers of the gd-tutorial site: plain JavaScript and SVG, no library.
 *
 * This file holds what both explorers share (their words, Python's number formatting, the log's
 * display, the charts' axes) as window.gdExplorer, and runs the learning-rate explorer
 * ([data-gd-explorer], one weight). explorer-wb.js, loaded after it, runs the (W, b) explorer.
 *
 * The learning-rate explorer runs the same loop as gd_tutorial.gradient_descent (in float64),
 * or with a momentum the steps of gd_tutorial.momentum_descent, on the data the page embeds at
 * build time (data-gd-explorer, written from gd_tutorial.toy_data, curvature and
 * max_stable_lr), and prints the log exactly as Python formats it.
 *
 * Words: English from the table TEXT below (both explorers), or on a Korean page (docs/ko/...)
 * the Korean that the page carries from docs/hooks/ui.yml. Numbers are formatted the same in
 * both. The log is the program's output, the lines and the message the package prints, so it
 * is never translated.
 */
(() => {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";

  // --- The words of both explorers, in English: one entry a line, each value as JSON ---------
  // Keys without a prefix belong to the learning-rate explorer, "wb" to the (W, b) explorer.
  // say(key, fields) fills in each {field} (numbers come in already formatted). A Korean page
  // carries the Korean of every entry, by the same names, from docs/hooks/ui.yml (its text
  // "The explorers' words"), in <script id="gd-explorer-words"> (overrides/main.html).
  const TEXT = {
    lr: "Learning rate",
    w0: "Starting weight",
    epochs: "Epochs",
    momentum: "Momentum",
    presets: "Preset settings",
    course: "The course's run",
    gradient: "Gradient",
    sum: "sum (the course's code)",
    mean: "mean (the true slope)",
    caption: "The log, in the course's format:",
    logLabel: "The run's log, one line per epoch",
    down: "{name}: one step down",
    up: "{name}: one step up",
    cut: "From epoch {k} on, the numbers pass 10⁹, so the log stops there; the package prints them digit by digit until the run overflows or ends.",
    overflow: "the cost at W0 overflows",
    bound: "With the {r} gradient, L = {L}: stable for lr below 2/L = {b}. ",
    plain: "This lr multiplies the distance to W* by |1 − lr·L| = {f} per step.",
    withMomentum: "That is plain descent's bound; with momentum {m}, lr must stay below 2(1 + momentum)/L = {b}.",
    stays: "Stays put: W0 is already W*, where the slope is 0, so no step moves it.",
    bounces: "Bounces forever",
    mConverges: "Converges with momentum",
    mDiverges: "Diverges with momentum",
    swings: "each step keeps {m} of the last step's velocity, so W overshoots W* and swings back.",
    one: "Converges in one step: with lr = 1/L the first step lands on W* and stays.",
    two: "Bounces forever: with lr = 2/L exactly, each step jumps to the mirror point across W*, at the same distance.",
    // {speed}: speeds[0] for a factor below 0.3, [1] below 0.9, [2] from 0.9; {n}: steps to 1/1000
    speeds: [" fast", "", " slowly"],
    convergesOver: "Converges{speed} while oscillating: each step jumps over W* and multiplies the distance by {f}; {n} steps make it 1000 times smaller.",
    convergesSide: "Converges{speed}, from one side: each step multiplies the distance to W* by {f}; {n} steps make it 1000 times smaller.",
    diverges: "Diverges: each step jumps over W* and multiplies the distance by {f}, which is more than 1.",
    pathTitle: "Path of W on the cost curve, lr = {lr}, {n} points",
    pathY: "cost(W)",
    pathStart: "Cost curve with the starting weight W = {a} only (no epochs); the dashed line is W* = {best}.",
    pathLabel: "Cost curve with the {n} weights of the run, numbered from 0, from W = {a} to W = {b}; the dashed line is W* = {best}.",
    costsTitle: "Cost per epoch, log scale",
    costsX: "epoch",
    costsY: "cost (log scale)",
    costsStart: "Cost at the start only (no epochs): {a}.",
    costsLabel: "Cost per epoch on a log scale: {n} points, from {a} to {b}.",
    zeros: " Costs of exactly 0 are not drawn.",
    wbRule: "Rule",
    wbRules: { "plain": "plain descent", "momentum": "momentum", "nesterov": "Nesterov", "adam": "Adam" },
    wbBeta1: "β₁ (Adam's momentum)",
    wbBeta2: "β₂ (Adam's memory of squares)",
    wbB0: "Starting bias",
    wbTap: "Tap or click the map to start the run there.",
    wbBestPair: "best (lr, momentum)",
    wbStays: "Stays put: the run starts at the minimum, where both slopes are 0, so no step moves it.",
    wbCurv: "Curvatures: λ_min = {lo} along the valley floor, λ_max = {hi} across it; their ratio κ = {k}. Plain descent is stable for lr below 2/λ_max = {bound}.",
    wbPlainRates: "Per step, plain descent multiplies the distance along the floor by |1 − lr·λ_min| = {a} and across by |1 − lr·λ_max| = {b}: the rate is {r}.",
    wbMomRates: "Per step, with this momentum the distance shrinks by {a} along the floor ({da}) and by {b} across ({db}): the rate is {r}. Stable for lr below {bound}.",
    wbDamping: { "underdamped": "underdamped", "critically damped": "critically damped", "overdamped": "overdamped" },
    wbAdamRates: "Adam divides each step by its memory of the gradients' size, so no fixed factor per step describes it: the curvatures set the valley's shape, not Adam's pace.",
    wbConverges: "Converges: in the long run each step multiplies the distance to the minimum by {r}; {n} steps make it 1000 times smaller.",
    wbEdge: "Neither converges nor diverges: the rate is exactly 1, so the swings across the valley never shrink.",
    wbDiverges: "Diverges: each step multiplies the distance to the minimum by {r}, more than 1.",
    wbAdam: "Adam: ",
    wbDistance: " After {n} epochs the run is {d} from the minimum; it started {d0} away.",
    wbMapTitle: "Path of (W, b) over the cost's contour lines, {rule}, lr = {lr}",
    wbMapLabel: "Contour lines of the cost over W and b, long narrow ellipses around the minimum at {best}, with the {n} points of the run from {a} to {b}.",
  };
  const words = document.getElementById("gd-explorer-words");
  const T = { ...TEXT, ...(words ? JSON.parse(words.textContent) : {}) };
  const say = (key, fields) => T[key].replace(/\{(\w+)\}/g, (_, name) => fields[name]);

  // --- Python's number formatting, exactly -------------------------------------------------
  // format(v, ".{d}f"): the exact binary value, rounded half to even (JS toFixed rounds ties
  // up and gives exponents above 1e21); a negative value keeps its sign, even "-0.000".
  function fixed(v, d) {
    if (Number.isNaN(v)) return "nan";
    const sign = v < 0 || Object.is(v, -0) ? "-" : "";
    if (!Number.isFinite(v)) return sign + "inf";
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(v));
    const hi = view.getUint32(0);
    const biased = (hi >>> 20) & 0x7ff;
    let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
    let exponent = -1074;
    if (biased) {
      mantissa |= 1n << 52n;
      exponent = biased - 1075;
    }
    const scaled = mantissa * 10n ** BigInt(d); // |v| * 10^d = scaled * 2^exponent
    let q;
    if (exponent >= 0) {
      q = scaled << BigInt(exponent);
    } else {
      const den = 1n << BigInt(-exponent);
      q = scaled / den;
      const twice = 2n * (scaled % den);
      if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
    }
    let s = q.toString();
    if (d > 0) {
      s = s.padStart(d + 1, "0");
      s = s.slice(0, -d) + "." + s.slice(-d);
    }
    return sign + s;
  }

  // format(v, "g"): 6 significant digits, trailing zeros removed.
  function general(v) {
    if (v === 0 || !Number.isFinite(v)) return fixed(v, 0);
    const [m, e] = v.toExponential(5).split("e"); // the exponent after rounding
    const x = Number(e);
    if (x >= -4 && x < 6) return fixed(v, 5 - x).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
    return `${m.replace(/\.?0+$/, "")}e${x < 0 ? "-" : "+"}${String(Math.abs(x)).padStart(2, "0")}`;
  }

  // repr(v) of a Python float between 1e-4 and 1e16 (a beta, in a method's name): "0.0", "0.9".
  const repr = (v) => (Number.isInteger(v) ? `${v}.0` : String(v));

  // A number for a sentence: 3 decimals while that is short, else 6 significant digits.
  const brief = (v) => (Math.abs(v) < 1e6 ? fixed(v, 3) : general(v));

  // --- The package's divergence verdict and message, kept apart to follow the package -------
  // gd_tutorial/descent.py: _divergence (did the run diverge?) and _divergence_message (what
  // it prints), as of the package's "Divergence means blowing up" (issue 16 item 11). run: {costs, overflowed, lr, method, reduction, bias, bound}; method is the
  // History's method, "by hand" for gradient_descent. Full batches only (the explorers' runs).
  // Full-batch plain descent ("by hand") diverged if its cost rose at all (beyond rounding);
  // full-batch momentum (unstable given) only if its rate per step is above 1 along some axis
  // (_momentum_unstable); any other rule only if its last cost is more than GROWTH times its first.
  const GROWTH = 100;
  function divergenceMessage({ costs, overflowed, lr, method, reduction, bias, bound, unstable }) {
    const n = costs.length;
    const close = (a, b) => Math.abs(a - b) <= Math.max(1e-6 * Math.max(Math.abs(a), Math.abs(b)), 1e-12);
    const rose = n > 1 && costs[n - 1] > costs[0] && !close(costs[n - 1], costs[0]);
    const grows = unstable === undefined ? method === "by hand" || costs[n - 1] > GROWTH * costs[0] : unstable;
    const grew = rose && grows;
    if (!overflowed && !grew) return "";
    const what = overflowed
      ? `the numbers overflowed after epoch ${n - 1}, so the run stopped`
      : `the cost grew from ${general(costs[0])} to ${general(costs[n - 1])}`;
    if (method !== "by hand")
      return (
        `Diverged: ${what}. This run used ${method}. The stable bound 2/L holds for ` +
        "plain gradient descent only, and this optimizer has no such simple bound, " +
        `so try a smaller lr; lr=${general(lr)} was used.`
      );
    const model = `reduction='${reduction}'` + (bias ? " and a bias" : "");
    return (
      `Diverged: ${what}. For gradient descent on this data with ${model}, lr must be ` +
      `below the stable bound ${fixed(bound, 6)}; lr=${general(lr)} was used.`
    );
  }

  // The rate per step of full-batch momentum along an axis of curvature l: the largest size of
  // the eigenvalues of its 2 x 2 recurrence, as gd_tutorial.rates.momentum_rate computes it.
  function momentumRate(lr, mu, l, nesterov) {
    const a = nesterov ? (1 + mu) * (1 - lr * l) : 1 + mu - lr * l;
    const c = nesterov ? mu * (1 - lr * l) : mu;
    const disc = a * a - 4 * c;
    return disc < 0 ? Math.sqrt(c) : (Math.abs(a) + Math.sqrt(disc)) / 2;
  }
  // Whether full-batch momentum grows along one of the axes (the package's 1e-12 margin).
  const momentumUnstable = (lr, mu, curvatures, nesterov) =>
    curvatures.some((l) => momentumRate(lr, mu, l, nesterov) > 1 + 1e-12);

  // --- The log as shown: the package's lines, cut where the numbers pass 10^9 ----------------
  // rows: one array of numbers per line. Returns the lines to show and the epoch of the first
  // line left out (or -1); the message, the package's last line, is always shown.
  const LIMIT = 1e9;
  function shownLog(lines, rows, message) {
    const cut = rows.findIndex((row) => row.some((v) => !(Math.abs(v) < LIMIT)));
    const shown = cut < 0 ? lines.slice() : lines.slice(0, cut);
    if (message) shown.push(message);
    return { shown, cut };
  }

  // gd_tutorial.epochs_to_shrink: the fewest steps k with rate**k <= 1/factor, 0 <= rate < 1.
  function toShrink(rate, factor = 1000) {
    if (rate === 0) return 1;
    const steps = Math.log(factor) / -Math.log(rate);
    const nearest = Math.round(steps);
    if (Math.abs(steps - nearest) < 1e-9 && rate ** nearest <= (1 / factor) * (1 + 1e-12)) return Math.max(1, nearest);
    return Math.max(1, Math.ceil(steps));
  }

  // --- Small SVG charts ---------------------------------------------------------------------
  function svg(tag, attrs, parent) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const power = (e) => `×10${String(e).replace("-", "⁻").replace(/\d/g, (d) => SUP[d])}`;

  // Ticks at 1, 2 or 5 times a power of ten, about `count` of them over [lo, hi].
  function niceTicks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const p = 10 ** Math.floor(Math.log10(raw));
    const f = raw / p;
    const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
    const out = [];
    for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++) out.push(i * step);
    return { values: out, step };
  }

  // Labels for any magnitude: beyond 10^5 (or below 10^-3) the axis carries a power of ten
  // and the labels stay short ("1.5" with "×10³⁰⁷" on the axis, never "1.5e307").
  function tickLabels(values, step) {
    const big = Math.max(...values.map(Math.abs));
    const e = big >= 1e5 || (big > 0 && big < 1e-3) ? Math.floor(Math.log10(big)) : 0;
    const digits = Math.max(0, Math.ceil(-Math.log10(step / 10 ** e) - 1e-9));
    const labels = values.map((v) => {
      const s = (v / 10 ** e).toFixed(Math.min(digits, 6));
      return Number(s) === 0 ? "0" : s.replace("-", "−");
    });
    return { labels, unit: e ? ` ${power(e)}` : "" };
  }

  // The most ticks (up to 6) whose labels fit: across, in the gap between two ticks; down,
  // in the left margin and 18 px apart. About 9 px per character at the charts' 15 px.
  function fitTicks(lo, hi, px, across, room, minStep = 0) {
    for (let count = 6; count >= 1; count--) {
      const { values, step } = niceTicks(lo, hi, count);
      if (step < minStep && count > 1) continue; // epochs: whole numbers only
      const t = tickLabels(values, step);
      const width = Math.max(...t.labels.map((s) => s.length)) * 9;
      const gap = (step / (hi - lo)) * px;
      if (values.length < 2 || (across ? width + 8 < gap : width <= room && gap >= 18)) return { values, ...t };
    }
    return { values: [], labels: [], unit: "" };
  }

  // Draw axes and return the functions that map data to pixels. o: {title, x, y, log, xlabel,
  // ylabel}; size: {w, h, l, r, t, b}.
  function axes(node, o, size) {
    node.replaceChildren();
    svg("title", {}, node).textContent = o.title;
    const { w, h, l, r, t, b } = size;
    const sx = (v) => l + ((v - o.x[0]) / (o.x[1] - o.x[0])) * (w - l - r);
    const ty = (v) => (o.log ? Math.log10(v) : v);
    const [y0, y1] = o.y.map(ty);
    const sy = (v) => Math.max(t - 6, Math.min(h - b, h - b - ((ty(v) - y0) / (y1 - y0)) * (h - t - b)));
    const grid = svg("g", { class: "gdx-grid" }, node);
    const text = svg("g", { class: "gdx-text" }, node);
    const xt = fitTicks(o.x[0], o.x[1], w - l - r, true, 0, o.whole ? 1 : 0);
    xt.values.forEach((v, i) => {
      svg("line", { x1: sx(v), x2: sx(v), y1: t, y2: h - b }, grid);
      // A label at the right edge ends there instead of spilling out of the chart.
      const end = sx(v) + xt.labels[i].length * 4.5 > w - 2;
      const at = end ? { x: w - 2, "text-anchor": "end" } : { x: sx(v), "text-anchor": "middle" };
      svg("text", { ...at, y: h - b + 17, class: "gdx-tick-x" }, text).textContent = xt.labels[i];
    });
    let ys;
    let words;
    let unit = "";
    if (o.log) {
      const raw = Math.max(1, (y1 - y0) / 6);
      const p10 = 10 ** Math.floor(Math.log10(raw));
      const every = [1, 2, 5, 10].map((f) => f * p10).find((step) => step >= raw);
      const first = Math.ceil(y0 / every) * every;
      const decades = Array.from({ length: Math.floor((y1 - first) / every) + 1 }, (_, i) => first + i * every);
      ys = decades.map((k) => 10 ** k);
      words = decades.map((k) => (k === 0 ? "1" : `1e${k}`.replace("-", "−")));
    } else {
      const yt = fitTicks(o.y[0], o.y[1], h - t - b, false, l - 8);
      ys = yt.values;
      words = yt.labels;
      unit = yt.unit;
    }
    ys.forEach((v, i) => {
      svg("line", { x1: l, x2: w - r, y1: sy(v), y2: sy(v) }, grid);
      svg("text", { x: l - 6, y: sy(v) + 4, "text-anchor": "end", class: "gdx-tick-y" }, text).textContent = words[i];
    });
    svg("path", { class: "gdx-axis", d: `M${l},${t}V${h - b}H${w - r}` }, node);
    svg("text", { x: (l + w - r) / 2, y: h - 6, "text-anchor": "middle" }, text).textContent = o.xlabel + xt.unit;
    svg("text", { x: 4, y: 18, class: "gdx-strong" }, text).textContent = o.ylabel + unit;
    return { sx, sy };
  }

  function points(node, xs, ys, sx, sy, cls) {
    const d = xs.map((v, i) => `${i ? "L" : "M"}${sx(v).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join("");
    svg("path", { d, class: `${cls}-line` }, node);
    xs.forEach((v, i) => svg("circle", { cx: sx(v).toFixed(1), cy: sy(ys[i]).toFixed(1), r: 3.5, class: cls }, node));
  }

  // The cost per epoch on a log scale, from a run's costs (0 is not drawn).
  function drawCosts(node, costs, size) {
    const ks = [];
    const cs = [];
    costs.forEach((c, k) => {
      if (c > 0) {
        ks.push(k);
        cs.push(c);
      }
    });
    const lo = cs.length ? Math.floor(Math.log10(Math.min(...cs))) : -1;
    let hi = cs.length ? Math.ceil(Math.log10(Math.max(...cs))) : 1;
    if (hi <= lo) hi = lo + 1;
    const { sx, sy } = axes(
      node,
      { title: T.costsTitle, x: [0, Math.max(costs.length - 1, 1)], y: [10 ** lo, 10 ** hi], log: true, whole: true, xlabel: T.costsX, ylabel: T.costsY },
      size
    );
    points(node, ks, cs, sx, sy, "gdx-cost");
    const [a, b] = [costs[0], costs[costs.length - 1]].map(general);
    const label = costs.length === 1 ? say("costsStart", { a }) : say("costsLabel", { n: costs.length, a, b });
    node.setAttribute("aria-label", label + (cs.length < costs.length ? T.zeros : ""));
  }

  // --- Controls ----------------------------------------------------------------------------
  // A slider over a list of values (its position is the index; screen readers hear the value),
  // with - and + buttons for a touch screen. Returns the HTML.
  function slider(id, label, values) {
    return `<div class="gdx-field"><label for="${id}">${label}</label>
    <button type="button" class="gdx-step" data-step="-1" data-for="${id}" aria-label="${say("down", { name: label.replace(/<[^>]+>/g, "") })}">−</button>
    <input id="${id}" type="range" min="0" max="${values.length - 1}" step="1">
    <button type="button" class="gdx-step" data-step="1" data-for="${id}" aria-label="${say("up", { name: label.replace(/<[^>]+>/g, "") })}">+</button>
    <output for="${id}" id="${id}-out"></output></div>`;
  }

  // Values from `from` to `to` by `by`, as the decimals they print as (0.155, not 0.15500000000000003).
  const range = (from, to, by, d) =>
    Array.from({ length: Math.round((to - from) / by) + 1 }, (_, i) => Number((from + i * by).toFixed(d)));
  // Epochs: every count up to 20, then by 5 to 100, then by 25 to 500: small counts get room.
  const EPOCHS = [...range(0, 20, 1, 0), ...range(25, 100, 5, 0), ...range(125, 500, 25, 0)];
  const nearest = (values, v) => values.reduce((best, u, i) => (Math.abs(u - v) < Math.abs(values[best] - v) ? i : best), 0);

  // Wire sliders to a state: inputs[key] over lists[key]; on change, set state and render().
  function wire(root, inputs, lists, state, render) {
    for (const [key, input] of Object.entries(inputs)) {
      input.addEventListener("input", () => {
        state[key] = lists[key][Number(input.value)];
        render();
      });
    }
    root.querySelectorAll(".gdx-step").forEach((button) =>
      button.addEventListener("click", () => {
        const key = Object.keys(inputs).find((k) => inputs[k].id === button.dataset.for);
        const i = Math.min(lists[key].length - 1, Math.max(0, nearest(lists[key], state[key]) + Number(button.dataset.step)));
        state[key] = lists[key][i];
        render();
      })
    );
  }

  function show(inputs, lists, state) {
    for (const [key, input] of Object.entries(inputs)) {
      const i = nearest(lists[key], state[key]);
      if (document.activeElement !== input || Number(input.value) !== i) input.value = i;
      input.setAttribute("aria-valuetext", general(state[key]));
      input.parentNode.querySelector("output").value = general(state[key]);
    }
  }

  // While an explorer is on screen Material's "Back to top" button, which floats over the top
  // of the page, is hidden: it would cover the controls or the charts kept in view. On a phone
  // the charts stay in view (sticky); focus scrolls a control below them, not under them.
  function keepInView(root) {
    new IntersectionObserver((entries) => {
      for (const e of entries) document.body.classList.toggle("gdx-in-view", e.isIntersecting);
    }).observe(root);
    const charts = root.querySelector(".gdx-charts");
    new ResizeObserver(() => root.style.setProperty("--gdx-charts", `${charts.offsetHeight}px`)).observe(charts);
  }

  window.gdExplorer = { T, say, toShrink, fixed, general, repr, brief, divergenceMessage, momentumRate, momentumUnstable, shownLog, LIMIT, svg, axes, points, drawCosts, slider, range, EPOCHS, nearest, wire, show, keepInView, fitTicks };

  // === The learning-rate explorer ===========================================================
  const root = document.querySelector("[data-gd-explorer]");
  if (!root) return;
  const data = JSON.parse(root.getAttribute("data-gd-explorer"));
  const SIZE = { w: 360, h: 250, l: 50, r: 10, t: 34, b: 42 };

  // --- The run: gradient_descent (or momentum_descent), step for step ----------------------
  // With momentum, the velocity starts as the gradient itself, then v = momentum * v + g,
  // and W -= lr * v: the steps of torch.optim.SGD(momentum=...).
  function descend({ lr, epochs, w0, reduction, momentum = 0 }) {
    const { x, y } = data;
    const m = x.length;
    const weights = [];
    const costs = [];
    let W = w0;
    let velocity = null;
    let overflowed = false;
    for (let epoch = 0; epoch <= epochs; epoch++) {
      let squares = 0;
      let products = 0;
      for (let i = 0; i < m; i++) {
        const residual = W * x[i] - y[i];
        squares += residual * residual;
        products += residual * x[i];
      }
      const cost = squares / m;
      const gradient = reduction === "mean" ? 2 * (products / m) : products;
      if (![W, cost, gradient].every(Number.isFinite)) {
        if (!weights.length) return { weights, costs, error: T.overflow };
        overflowed = true;
        break;
      }
      weights.push(W);
      costs.push(cost);
      if (momentum > 0) {
        velocity = velocity === null ? gradient : momentum * velocity + gradient;
        W = W - lr * velocity;
      } else {
        W = W - lr * gradient;
      }
    }
    const method = momentum > 0 ? `momentum by hand (momentum=${general(momentum)})` : "by hand";
    const unstable = momentum > 0 ? momentumUnstable(lr, momentum, [data.L.mean], false) : undefined;
    const message = divergenceMessage({ costs, overflowed, lr, method, reduction, bias: false, bound: data.bound[reduction], unstable });
    return { weights, costs, message };
  }

  function logLines(run, epochs) {
    const lines = run.weights.map(
      (W, k) => `Epoch ${String(k).padStart(4)}/${epochs} W: ${fixed(W, 3)}, Cost: ${fixed(run.costs[k], 6)}`
    );
    if (run.message) lines.push(run.message);
    return lines;
  }

  // --- What the learning rate does, worded by the factor |1 - lr*L| --------------------------
  function verdict(s) {
    const L = data.L[s.reduction];
    const factor = Math.abs(1 - s.lr * L);
    const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    if (s.w0 === data.best) return T.stays;
    if (s.momentum > 0) {
      // On a parabola, momentum is stable exactly for lr * L < 2 * (1 + momentum).
      const limit = (2 * (1 + s.momentum)) / L;
      const how = near(s.lr, limit) ? T.bounces : s.lr < limit ? T.mConverges : T.mDiverges;
      return `${how}: ${say("swings", { m: general(s.momentum) })}`;
    }
    if (near(s.lr, 1 / L)) return T.one;
    if (near(s.lr, 2 / L)) return T.two;
    if (factor > 1) return say("diverges", { f: fixed(factor, 3) });
    const speed = factor < 0.3 ? 0 : factor < 0.9 ? 1 : 2;
    const fields = { speed: T.speeds[speed], f: fixed(factor, 3), n: toShrink(factor) };
    return say(s.lr > 1 / L ? "convergesOver" : "convergesSide", fields);
  }

  function costAt(W) {
    let s = 0;
    data.x.forEach((xi, i) => {
      const r = W * xi - data.y[i];
      s += r * r;
    });
    return s / data.x.length;
  }

  function drawPath(node, run, s) {
    const ws = run.weights;
    const lo0 = Math.min(data.best, ...ws);
    const hi0 = Math.max(data.best, ...ws);
    const pad = (hi0 - lo0) * 0.1 || 0.5;
    const x = [lo0 - pad, hi0 + pad];
    const top = Math.max(...[costAt(x[0]), costAt(x[1]), ...run.costs].filter(Number.isFinite)) * 1.05;
    const { sx, sy } = axes(
      node,
      { title: say("pathTitle", { lr: general(s.lr), n: ws.length }), x, y: [0, Number.isFinite(top) && top > 0 ? top : 1], xlabel: "W", ylabel: T.pathY },
      SIZE
    );
    const curve = Array.from({ length: 121 }, (_, i) => x[0] + ((x[1] - x[0]) * i) / 120);
    svg("path", { class: "gdx-curve", d: curve.map((v, i) => `${i ? "L" : "M"}${sx(v).toFixed(1)},${sy(costAt(v)).toFixed(1)}`).join("") }, node);
    svg("line", { class: "gdx-best", x1: sx(data.best), x2: sx(data.best), y1: SIZE.t, y2: SIZE.h - SIZE.b }, node);
    points(node, ws, run.costs, sx, sy, "gdx-step");
    const text = svg("g", { class: "gdx-text gdx-strong" }, node);
    const shown = [];
    ws.forEach((v, k) => {
      if (shown.every((p) => Math.abs(sx(v) - p) > 22)) {
        shown.push(sx(v));
        svg("text", { x: sx(v), y: sy(run.costs[k]) - 8, "text-anchor": "middle" }, text).textContent = k;
      }
    });
    const fields = { n: ws.length, a: brief(ws[0]), b: brief(ws[ws.length - 1]), best: general(data.best) };
    node.setAttribute("aria-label", say(ws.length === 1 ? "pathStart" : "pathLabel", fields));
  }

  // --- The controls -------------------------------------------------------------------------
  const c = data.course;
  const state = { lr: c.lr, epochs: c.epochs, w0: c.w0, reduction: c.reduction, momentum: 0 };
  const lists = { lr: range(0.001, 0.3, 0.001, 3), w0: range(-3, 5, 0.1, 1), epochs: EPOCHS, momentum: range(0, 0.95, 0.05, 2) };
  root.insertAdjacentHTML(
    "beforeend",
    `<div class="gdx-controls">
  ${slider("gdx-lr", `${T.lr} <code>lr</code>`, lists.lr)}
  <div class="gdx-presets" role="group" aria-label="${T.presets}">
    <button type="button" class="gdx-button" data-preset="one">lr = 1/L</button>
    <button type="button" class="gdx-button" data-preset="bound">lr = 2/L</button>
    <button type="button" class="gdx-button" data-preset="course">${T.course}</button></div>
  ${slider("gdx-w0", `${T.w0} <code>W0</code>`, lists.w0)}
  ${slider("gdx-epochs", T.epochs, lists.epochs)}
  ${slider("gdx-momentum", T.momentum, lists.momentum)}
  <fieldset class="gdx-field"><legend>${T.gradient}</legend>
    <label><input type="radio" name="gdx-reduction" value="sum"> ${T.sum}</label>
    <label><input type="radio" name="gdx-reduction" value="mean"> ${T.mean}</label></fieldset>
</div>
<p class="gdx-bound" id="gdx-bound"></p>
<p class="gdx-verdict" id="gdx-verdict" role="status" aria-live="polite"></p>
<div class="gdx-charts"><svg id="gdx-path" role="img" viewBox="0 0 ${SIZE.w} ${SIZE.h}"></svg><svg id="gdx-costs" role="img" viewBox="0 0 ${SIZE.w} ${SIZE.h}"></svg></div>
<p class="gdx-caption">${T.caption}</p>
<pre class="gdx-log" id="gdx-log" data-gd-log tabindex="0" aria-label="${T.logLabel}"></pre>
<p class="gdx-cut" id="gdx-cut" hidden></p>`
  );
  const $ = (id) => root.querySelector(`#${id}`);
  const inputs = { lr: $("gdx-lr"), w0: $("gdx-w0"), epochs: $("gdx-epochs"), momentum: $("gdx-momentum") };

  function render() {
    show(inputs, lists, state);
    $("gdx-epochs-out").value = String(state.epochs);
    root.querySelector(`input[value="${state.reduction}"]`).checked = true;
    const L = data.L[state.reduction];
    $("gdx-bound").textContent =
      say("bound", { r: state.reduction, L: general(L), b: fixed(data.bound[state.reduction], 6) }) +
      (state.momentum > 0
        ? say("withMomentum", { m: general(state.momentum), b: fixed((2 * (1 + state.momentum)) / L, 6) })
        : say("plain", { f: fixed(Math.abs(1 - state.lr * L), 3) }));
    $("gdx-verdict").textContent = verdict(state);
    const run = descend(state);
    if (run.error) {
      $("gdx-log").textContent = run.error;
      return;
    }
    const lines = logLines(run, state.epochs).slice(0, run.weights.length);
    const { shown, cut } = shownLog(lines, run.weights.map((W, k) => [W, run.costs[k]]), run.message);
    $("gdx-log").textContent = shown.join("\n");
    $("gdx-cut").hidden = cut < 0;
    $("gdx-cut").textContent = cut < 0 ? "" : say("cut", { k: cut });
    drawPath($("gdx-path"), run, state);
    drawCosts($("gdx-costs"), run.costs, SIZE);
    root.dataset.state = JSON.stringify(state);
  }

  root.explorer = { fixed, general, descend, logLines, state, lists, fitTicks }; // for the site's tests
  wire(root, inputs, lists, state, render);
  root.querySelectorAll('input[name="gdx-reduction"]').forEach((radio) =>
    radio.addEventListener("change", () => {
      state.reduction = radio.value;
      render();
    })
  );
  root.querySelectorAll("[data-preset]").forEach((button) =>
    button.addEventListener("click", () => {
      const preset = button.dataset.preset;
      if (preset === "course") Object.assign(state, c, { momentum: 0 });
      else state.lr = preset === "one" ? 1 / data.L[state.reduction] : data.bound[state.reduction];
      render();
    })
  );
  keepInView(root);
  render();
})();
