/* Learning-rate explorer for the gd-tutorial site: plain JavaScript and SVG, no library.
 *
 * It runs the same loop as gd_tutorial.gradient_descent (in float64), or with a momentum the
 * steps of gd_tutorial.momentum_descent, on the data the page embeds at build time (data-gd-explorer, written from gd_tutorial.toy_data, curvature and
 * max_stable_lr), and prints the log exactly as Python formats it.
 *
 * Its words are English, or Korean on a page whose <html lang> is "ko" (docs/ko/...). Numbers
 * are formatted the same in both. The log is the program's output, the lines and the message
 * gradient_descent prints, so it is never translated.
 */
(() => {
  "use strict";
  const root = document.querySelector("[data-gd-explorer]");
  if (!root) return;
  const data = JSON.parse(root.getAttribute("data-gd-explorer"));
  const NS = "http://www.w3.org/2000/svg";

  // --- Words, in two languages; numbers come in already formatted --------------------------
  const TEXT = {
    en: {
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
      overflow: "the cost at W0 overflows",
      bound: (r, L, b) => `With the ${r} gradient, L = ${L}: stable for lr below 2/L = ${b}. `,
      plain: (f) => `This lr multiplies the distance to W* by |1 − lr·L| = ${f} per step.`,
      withMomentum: (m, b) =>
        `That is plain descent's bound; with momentum ${m}, lr must stay below 2(1 + momentum)/L = ${b}.`,
      stays: "Stays put: W0 is already W*, where the slope is 0, so no step moves it.",
      bounces: "Bounces forever",
      mConverges: "Converges with momentum",
      mDiverges: "Diverges with momentum",
      swings: (m) => `each step keeps ${m} of the last step's velocity, so W overshoots W* and swings back.`,
      one: "Converges in one step: with lr = 1/L the first step lands on W* and stays.",
      two: "Bounces forever: with lr = 2/L exactly, each step jumps to the mirror point across W*, at the same distance.",
      slow: (f) => `Converges slowly, from one side: each step multiplies the distance to W* by ${f}.`,
      oscillates: (f) => `Converges while oscillating: each step jumps over W* and multiplies the distance by ${f}.`,
      diverges: (f) => `Diverges: each step jumps over W* and multiplies the distance by ${f}, which is more than 1.`,
      pathTitle: (lr, n) => `Path of W on the cost curve, lr = ${lr}, ${n} points`,
      pathY: "cost(W)",
      pathLabel: (n, a, b, best) =>
        `Cost curve with the ${n} weights of the run, numbered from 0, from W = ${a} to W = ${b}; the dashed line is W* = ${best}.`,
      costsTitle: "Cost per epoch, log scale",
      costsX: "epoch",
      costsY: "cost (log scale)",
      costsLabel: (n, a, b) => `Cost per epoch on a log scale: ${n} points, from ${a} to ${b}.`,
      zeros: " Costs of exactly 0 are not drawn.",
    },
    ko: {
      lr: "학습률",
      w0: "시작 가중치",
      epochs: "에폭 수",
      momentum: "모멘텀",
      presets: "미리 정한 설정",
      course: "강좌 설정",
      gradient: "기울기",
      sum: "sum (강좌 코드)",
      mean: "mean (참 기울기)",
      caption: "강좌와 같은 형식의 로그:",
      logLabel: "실행 로그, 에폭마다 한 줄",
      overflow: "W0에서 비용이 오버플로됩니다",
      bound: (r, L, b) => `${r} 기울기에서는 L = ${L}: 학습률이 2/L = ${b}보다 작아야 안정적입니다. `,
      plain: (f) => `지금 학습률에서는 스텝마다 W*까지의 거리가 |1 − lr·L| = ${f}배가 됩니다.`,
      withMomentum: (m, b) =>
        `이것은 모멘텀 없는 경사하강법의 한계입니다. 모멘텀 ${m}에서는 학습률이 2(1 + momentum)/L = ${b}보다 작아야 합니다.`,
      stays: "제자리에 있습니다: 시작 가중치가 이미 W*이고 그곳의 기울기가 0이라서, 어떤 스텝도 W를 움직이지 않습니다.",
      bounces: "끝없이 왕복합니다",
      mConverges: "모멘텀으로 수렴합니다",
      mDiverges: "모멘텀으로 발산합니다",
      swings: (m) => `스텝마다 직전 속도의 ${m}배를 이어받아, W가 W*를 지나쳤다가 되돌아옵니다.`,
      one: "한 스텝에 수렴합니다: lr = 1/L이면 첫 스텝이 W*에 닿고, 그대로 머뭅니다.",
      two: "끝없이 왕복합니다: lr이 정확히 2/L이면 스텝마다 W* 반대편, 같은 거리에 있는 점으로 건너뜁니다.",
      slow: (f) => `한쪽에서 천천히 수렴합니다: 스텝마다 W*까지의 거리가 ${f}배가 됩니다.`,
      oscillates: (f) => `진동하며 수렴합니다: 스텝마다 W*를 건너뛰고, 거리는 ${f}배가 됩니다.`,
      diverges: (f) => `발산합니다: 스텝마다 W*를 건너뛰고, 거리는 1보다 큰 ${f}배가 됩니다.`,
      pathTitle: (lr, n) => `비용 곡선 위 W의 경로, lr = ${lr}, 점 ${n}개`,
      pathY: "비용 cost(W)",
      pathLabel: (n, a, b, best) =>
        `비용 곡선과 이 실행의 가중치 ${n}개(0부터 번호를 붙임): W = ${a}에서 W = ${b}까지. 점선은 W* = ${best}입니다.`,
      costsTitle: "에폭별 비용, 로그 스케일",
      costsX: "에폭",
      costsY: "비용 (로그 스케일)",
      costsLabel: (n, a, b) => `로그 스케일로 그린 에폭별 비용: 점 ${n}개, ${a}에서 ${b}까지.`,
      zeros: " 정확히 0인 비용은 그리지 않습니다.",
    },
  };
  const T = TEXT[/^ko\b/i.test(document.documentElement.lang) ? "ko" : "en"];

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
    const n = costs.length;
    const close = (a, b) => Math.abs(a - b) <= Math.max(1e-6 * Math.max(Math.abs(a), Math.abs(b)), 1e-12);
    const grew = n > 1 && costs[n - 1] > costs[0] && !close(costs[n - 1], costs[0]);
    let message = "";
    if (overflowed || grew) {
      const what = overflowed
        ? `the numbers overflowed after epoch ${n - 1}, so the run stopped`
        : `the cost grew from ${fixed(costs[0], 6)} to ${fixed(costs[n - 1], 6)}`;
      message =
        momentum > 0
          ? `Diverged: ${what}. This run used momentum by hand (momentum=${general(momentum)}). ` +
            "The stable bound 2/L holds for plain gradient descent only, and this optimizer has " +
            `no such simple bound, so try a smaller lr; lr=${general(lr)} was used.`
          : `Diverged: ${what}. For gradient descent on this data with reduction='${reduction}', ` +
            `lr must be below the stable bound ${fixed(data.bound[reduction], 6)}; ` +
            `lr=${general(lr)} was used.`;
    }
    return { weights, costs, message };
  }

  function logLines(run, epochs) {
    const lines = run.weights.map(
      (W, k) =>
        `Epoch ${String(k).padStart(4)}/${epochs} W: ${fixed(W, 3)}, Cost: ${fixed(run.costs[k], 6)}`
    );
    if (run.message) lines.push(run.message);
    return lines;
  }

  // --- What the learning rate does, from the factor 1 - lr*L --------------------------------
  function verdict(s) {
    const L = data.L[s.reduction];
    const factor = Math.abs(1 - s.lr * L);
    const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    const f = fixed(factor, 3);
    if (s.w0 === data.best) return T.stays;
    if (s.momentum > 0) {
      // On a parabola, momentum is stable exactly for lr * L < 2 * (1 + momentum).
      const limit = (2 * (1 + s.momentum)) / L;
      const how = near(s.lr, limit) ? T.bounces : s.lr < limit ? T.mConverges : T.mDiverges;
      return `${how}: ${T.swings(general(s.momentum))}`;
    }
    if (near(s.lr, 1 / L)) return T.one;
    if (near(s.lr, 2 / L)) return T.two;
    if (s.lr < 1 / L) return T.slow(f);
    return s.lr < 2 / L ? T.oscillates(f) : T.diverges(f);
  }

  // --- Small SVG charts ---------------------------------------------------------------------
  const SIZE = { w: 360, h: 250, l: 50, r: 10, t: 28, b: 42 };

  function svg(tag, attrs, parent) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function label(v) {
    if (v === 0) return "0";
    const a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace("e+", "e").replace(".0e", "e");
    return String(Number(v.toPrecision(4)));
  }

  function ticks(lo, hi) {
    const raw = (hi - lo) / 5;
    const p = 10 ** Math.floor(Math.log10(raw));
    const f = raw / p;
    const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
    const out = [];
    for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++) out.push(i * step);
    return out;
  }

  // Draw axes and return the functions that map data to pixels.
  function axes(node, o) {
    node.replaceChildren();
    svg("title", {}, node).textContent = o.title;
    const { w, h, l, r, t, b } = SIZE;
    const sx = (v) => l + ((v - o.x[0]) / (o.x[1] - o.x[0])) * (w - l - r);
    const ty = (v) => (o.log ? Math.log10(v) : v);
    const [y0, y1] = o.y.map(ty);
    const sy = (v) => Math.max(t - 6, Math.min(h - b, h - b - ((ty(v) - y0) / (y1 - y0)) * (h - t - b)));
    const grid = svg("g", { class: "gdx-grid" }, node);
    const text = svg("g", { class: "gdx-text" }, node);
    for (const v of ticks(o.x[0], o.x[1])) {
      svg("line", { x1: sx(v), x2: sx(v), y1: t, y2: h - b }, grid);
      svg("text", { x: sx(v), y: h - b + 17, "text-anchor": "middle" }, text).textContent = label(v);
    }
    const raw = Math.max(1, (y1 - y0) / 6);
    const p10 = 10 ** Math.floor(Math.log10(raw));
    const every = [1, 2, 5, 10].map((f) => f * p10).find((step) => step >= raw);
    const first = Math.ceil(y0 / every) * every;
    const decades = Array.from({ length: Math.floor((y1 - first) / every) + 1 }, (_, i) => first + i * every);
    const ys = o.log ? decades.map((k) => 10 ** k) : ticks(...o.y);
    for (const v of ys) {
      svg("line", { x1: l, x2: w - r, y1: sy(v), y2: sy(v) }, grid);
      const k = Math.round(Math.log10(v));
      const words = o.log ? (k === 0 ? "1" : `1e${k}`) : label(v);
      svg("text", { x: l - 6, y: sy(v) + 4, "text-anchor": "end" }, text).textContent = words;
    }
    svg("path", { class: "gdx-axis", d: `M${l},${t}V${h - b}H${w - r}` }, node);
    svg("text", { x: (l + w - r) / 2, y: h - 6, "text-anchor": "middle" }, text).textContent = o.xlabel;
    svg("text", { x: 4, y: 18, class: "gdx-strong" }, text).textContent = o.ylabel;
    return { sx, sy };
  }

  function points(node, xs, ys, sx, sy, cls) {
    const d = xs.map((v, i) => `${i ? "L" : "M"}${sx(v).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join("");
    svg("path", { d, class: `${cls}-line` }, node);
    xs.forEach((v, i) => svg("circle", { cx: sx(v).toFixed(1), cy: sy(ys[i]).toFixed(1), r: 3.5, class: cls }, node));
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
    const { sx, sy } = axes(node, {
      title: T.pathTitle(general(s.lr), ws.length),
      x,
      y: [0, top || 1],
      xlabel: "W",
      ylabel: T.pathY,
    });
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
    node.setAttribute("aria-label", T.pathLabel(ws.length, fixed(ws[0], 3), fixed(ws[ws.length - 1], 3), general(data.best)));
  }

  function drawCosts(node, run) {
    const ks = [];
    const cs = [];
    run.costs.forEach((c, k) => {
      if (c > 0) {
        ks.push(k);
        cs.push(c);
      }
    });
    const lo = cs.length ? Math.floor(Math.log10(Math.min(...cs))) : -1;
    let hi = cs.length ? Math.ceil(Math.log10(Math.max(...cs))) : 1;
    if (hi <= lo) hi = lo + 1;
    const { sx, sy } = axes(node, {
      title: T.costsTitle,
      x: [0, Math.max(run.costs.length - 1, 1)],
      y: [10 ** lo, 10 ** hi],
      log: true,
      xlabel: T.costsX,
      ylabel: T.costsY,
    });
    points(node, ks, cs, sx, sy, "gdx-cost");
    const last = run.costs[run.costs.length - 1];
    node.setAttribute(
      "aria-label",
      T.costsLabel(run.costs.length, fixed(run.costs[0], 6), fixed(last, 6)) + (cs.length < run.costs.length ? T.zeros : "")
    );
  }

  // --- The controls -------------------------------------------------------------------------
  const c = data.course;
  const state = { lr: c.lr, epochs: c.epochs, w0: c.w0, reduction: c.reduction, momentum: 0 };
  root.insertAdjacentHTML(
    "beforeend",
    `<div class="gdx-controls">
  <div class="gdx-field"><label for="gdx-lr">${T.lr} <code>lr</code></label>
    <input id="gdx-lr" type="range" min="0.001" max="0.3" step="0.001"><output for="gdx-lr" id="gdx-lr-out"></output></div>
  <div class="gdx-presets" role="group" aria-label="${T.presets}">
    <button type="button" class="gdx-button" data-preset="one">lr = 1/L</button>
    <button type="button" class="gdx-button" data-preset="bound">lr = 2/L</button>
    <button type="button" class="gdx-button" data-preset="course">${T.course}</button></div>
  <div class="gdx-field"><label for="gdx-w0">${T.w0} <code>W0</code></label>
    <input id="gdx-w0" type="range" min="-3" max="5" step="0.1"><output for="gdx-w0" id="gdx-w0-out"></output></div>
  <div class="gdx-field"><label for="gdx-epochs">${T.epochs}</label>
    <input id="gdx-epochs" type="range" min="0" max="500" step="1"><output for="gdx-epochs" id="gdx-epochs-out"></output></div>
  <div class="gdx-field"><label for="gdx-momentum">${T.momentum}</label>
    <input id="gdx-momentum" type="range" min="0" max="0.95" step="0.05"><output for="gdx-momentum" id="gdx-momentum-out"></output></div>
  <fieldset class="gdx-field"><legend>${T.gradient}</legend>
    <label><input type="radio" name="gdx-reduction" value="sum"> ${T.sum}</label>
    <label><input type="radio" name="gdx-reduction" value="mean"> ${T.mean}</label></fieldset>
</div>
<p class="gdx-bound" id="gdx-bound"></p>
<p class="gdx-verdict" id="gdx-verdict" role="status" aria-live="polite"></p>
<div class="gdx-charts"><svg id="gdx-path" role="img" viewBox="0 0 ${SIZE.w} ${SIZE.h}"></svg><svg id="gdx-costs" role="img" viewBox="0 0 ${SIZE.w} ${SIZE.h}"></svg></div>
<p class="gdx-caption">${T.caption}</p>
<pre class="gdx-log" id="gdx-log" tabindex="0" aria-label="${T.logLabel}"></pre>`
  );
  const $ = (id) => root.querySelector(`#${id}`);
  const KEYS = ["lr", "w0", "epochs", "momentum"];
  const inputs = { lr: $("gdx-lr"), w0: $("gdx-w0"), epochs: $("gdx-epochs"), momentum: $("gdx-momentum") };

  function render() {
    for (const key of KEYS) {
      if (document.activeElement !== inputs[key]) inputs[key].value = state[key];
    }
    root.querySelector(`input[value="${state.reduction}"]`).checked = true;
    $("gdx-lr-out").value = general(state.lr);
    $("gdx-w0-out").value = general(state.w0);
    $("gdx-epochs-out").value = String(state.epochs);
    $("gdx-momentum-out").value = general(state.momentum);
    const L = data.L[state.reduction];
    $("gdx-bound").textContent =
      T.bound(state.reduction, general(L), fixed(data.bound[state.reduction], 6)) +
      (state.momentum > 0
        ? T.withMomentum(general(state.momentum), fixed((2 * (1 + state.momentum)) / L, 6))
        : T.plain(fixed(Math.abs(1 - state.lr * L), 3)));
    $("gdx-verdict").textContent = verdict(state);
    const run = descend(state);
    if (run.error) {
      $("gdx-log").textContent = run.error;
      return;
    }
    $("gdx-log").textContent = logLines(run, state.epochs).join("\n");
    drawPath($("gdx-path"), run, state);
    drawCosts($("gdx-costs"), run);
    root.dataset.state = JSON.stringify(state);
  }

  root.explorer = { fixed, general, descend, state }; // for the site's tests
  for (const key of KEYS) {
    inputs[key].addEventListener("input", () => {
      state[key] = Number(inputs[key].value);
      render();
    });
  }
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
  render();
})();
