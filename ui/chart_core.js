// The network figure as both pages show it: the app's live chart (ui/live_chart.js, put after this file by
// ui/plotly_component.py) and the offline lesson (viz/offline_page.js, inlined after it by viz/offline.py).
// Both read the same figure the same way: plotly's colour bars, Play/Pause and frame slider become a little
// HTML around the plot (plotly would redraw its own on every update), a frame relayouts what plotly does not
// repaint, and layout.meta fills the equation panel and the bars. Plain functions of the plot (gd) and of the
// page's controls (c: play, pause, range, label, prev, next, eq, bars, ...); what differs is on c:
//   c.showFrame(k)            the slider, label and address follow frame k (each page keeps its place its way)
//   c.katex()                 KaTeX, or a promise of it (null: the TeX stays as source)
//   c.typeset(katex, el, tex) sets el's formula, which shows its TeX source (class bpx-source) until then
//   c.barMeta()               optional: the layout.meta the bars read (else the plot's own, gd.layout.meta)
// Its CSS is ui/chart_core.css, which each page puts before its own.

// A lecturer's keys: Space plays or pauses, → and PageDown (what a presentation clicker sends) step forward,
// ← and PageUp back, Home and End go to the first and last frame.
const KEYS = {' ': 'toggle', ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1, Home: 'first', End: 'last'};
// The pressed key's move (a KEYS value), or undefined: another key, a modifier held, or the focus on an
// element that keeps its keys (keeps(target) says which).
function lecturerKey(e, keeps) {
  const move = KEYS[e.key];
  return move === undefined || e.altKey || e.ctrlKey || e.metaKey || keeps(e.target) ? undefined : move;
}

// The figure as the page draws it, the figure itself unchanged: plotly's slider, buttons and colour bars
// taken out, the room plotly kept for them given back, and in c.barTraces which trace each HTML bar reads.
// narrow (a phone's layout, which places them itself): the margins stay as they are.
function pageFigure(c, fig, narrow) {
  const layout = Object.assign({}, fig.layout);
  const slider = (layout.sliders || [])[0], menu = (layout.updatemenus || [])[0];
  layout.sliders = [];
  layout.updatemenus = [];
  c.barTraces = {};
  const font = (layout.font && layout.font.size) || 14;
  const margin = Object.assign({l: 80, r: 80, t: 100, b: 80}, layout.margin || {});
  const data = fig.data.map((t, k) => {
    if (!(t.marker && t.marker.showscale)) return t;
    const side = (t.marker.colorbar && t.marker.colorbar.x < 0.5) ? 'left' : 'right';
    c.barTraces[side] = k;
    if (!narrow) margin[side === 'left' ? 'l' : 'r'] = Math.max(margin[side === 'left' ? 'l' : 'r'], 6.8 * font);
    return Object.assign({}, t, {marker: Object.assign({}, t.marker, {showscale: false})});
  });
  if (slider && !narrow) {  // the controls sit below the plot, in the room plotly kept for its own
    layout.height = (layout.height || 500) - Math.max(0, margin.b - 24);
    margin.b = 24;
  }
  layout.margin = margin;
  return {data, layout, slider, menu, font, meta: layout.meta || {}};
}

// the HTML bars stand in for plotly's, which a frame's marker would otherwise switch back on
function hideFrameScales(frames) {
  frames.forEach(f => (f.data || []).forEach(t => { if (t.marker) t.marker.showscale = false; }));
}

// The HTML controls take the slider's frames and labels and the Play/Pause buttons' labels and arguments.
function readControls(c, slider, menu, meta) {
  if (slider) {
    c.steps = slider.steps;
    c.prefix = (slider.currentvalue && slider.currentvalue.prefix) || '';
    c.range.setAttribute('aria-label', c.prefix.replace(/[:：]\s*$/, '').trim());
    c.range.max = Math.max(0, slider.steps.length - 1);
    [c.prev.textContent, c.next.textContent] = meta.nav || ['◀', '▶'];
  }
  if (menu) {
    c.play.textContent = menu.buttons[0].label;
    c.pause.textContent = menu.buttons[1].label;
    c.playArgs = menu.buttons[0].args[1];
    c.pauseArgs = menu.buttons[1].args[1];
  }
}

function playFrames(gd, c) {
  if (!c.playArgs) return;
  // from the last frame, Play starts again at the first (plotly's fromcurrent would play nothing)
  const from = +c.range.value >= c.steps.length - 1 ? c.steps.map(s => s.args[0][0]) : null;
  c.playing = true;
  window.Plotly.animate(gd, from, c.playArgs).catch(() => {});  // an interrupted play rejects
}

function pauseFrames(gd, c) {
  c.playing = false;
  if (c.pauseArgs) window.Plotly.animate(gd, [null], c.pauseArgs).catch(() => {});
}

// plotly_animatingframe: the controls follow the frame, and what it changes that plotly does not repaint is
// relaid out: the title, and the annotations (J, once computed); the equations and the bars follow its meta.
function followFrame(gd, c, e) {
  const steps = c.steps || [];
  const k = steps.findIndex(s => s.args[0][0] === e.name);
  if (k >= 0) c.showFrame(k);
  if (k === steps.length - 1) c.playing = false;
  // a frame changes the title without a redraw, which plotly then does not repaint
  const f = e.frame || (gd._transitionData._frameHash || {})[e.name];
  const fl = (f && f.layout) || {};
  const title = fl.title && fl.title.text;
  const upd = {};
  if (title != null) upd['title.text'] = title;
  const ann = fl.annotations && JSON.stringify(fl.annotations);
  if (ann && ann !== c.lastAnn) { upd.annotations = fl.annotations; c.lastAnn = ann; }  // J, once computed
  if (Object.keys(upd).length) setTimeout(() => window.Plotly.relayout(gd, upd).catch(() => {}), 0);
  if (fl.meta) { c.meta = fl.meta; showMoment(c, fl.meta); }
  setTimeout(() => drawBars(gd, c), 0);  // the frame's colours are in gd.data by then
}

// The equation panel: this moment's name, its equation in general form and with the network's numbers,
// the notes that matter here, and what the colours mean in this frame. All of it is the app's own text.
function showMoment(c, meta) {
  const eq = meta && meta.eq;
  c.eq.style.display = eq ? 'block' : 'none';
  if (!eq) return;
  c.eq.querySelector('.bpx-eq-head').textContent = eq.heading;
  const labels = c.eq.querySelectorAll('.bpx-eq-label'), texs = c.eq.querySelectorAll('.bpx-eq-tex');
  [eq.general, eq.numbers].forEach((tex, i) => {
    labels[i].textContent = eq.labels[i];
    labels[i].style.display = tex ? 'block' : 'none';
    texs[i].textContent = tex;  // shown as source until typeset, or if it cannot be
    texs[i].classList.add('bpx-source');
    texs[i].dataset.tex = tex;
  });
  const notes = c.eq.querySelector('.bpx-notes');
  notes.replaceChildren(...eq.notes.map(n => { const d = document.createElement('div'); d.textContent = n; return d; }));
  c.eq.querySelector('.bpx-caption').textContent = meta.caption || '';
  // each formula typeset in a task of its own, after the frame is painted: playback stays on schedule
  const typeset = katex => katex && texs.forEach(el => setTimeout(() => {
    const tex = el.dataset.tex;
    if (tex && el.textContent === tex) c.typeset(katex, el, tex);
  }, 0));
  const katex = c.katex();
  if (katex && typeof katex.then === 'function') katex.then(typeset);
  else typeset(katex);
}

function fmt(v) {
  if (!isFinite(v)) return '';
  const s = Math.abs(v) < 1e-12 ? '0' : Number(v.toPrecision(3)).toString();
  return s.replace(/-/g, '−');
}

// The colour bars beside the plot (on a phone, gd.__bpxPlan: strips under it), as layout.meta describes them
// for this frame.
function drawBars(gd, c) {
  const size = gd._fullLayout && gd._fullLayout._size;
  const meta = c.barMeta ? c.barMeta() : gd.layout.meta;
  let row = 0;
  for (const side of ['left', 'right']) {
    const box = c.bars[side];
    const k = (c.barTraces || {})[side];
    const t = k === undefined ? null : gd.data[k];
    const m = t && t.marker;
    if (!m || !Array.isArray(m.colorscale) || !size) { box.style.display = 'none'; continue; }
    const len = (m.colorbar && m.colorbar.len) || 0.8;
    // the figure says in layout.meta what each bar shows in this frame: title, colours and ticks in the
    // bar's own (display) space, so a symmetric-log scale reads as evenly as a linear one
    const spec = meta && meta[t.name === 'edges' ? 'edge_bar' : 'node_bar'];
    const title = spec ? spec.title : ((m.colorbar && m.colorbar.title && m.colorbar.title.text) || '');
    const stops = (spec ? spec.stops : m.colorscale).map(([p, col]) => `${col} ${(100 * p).toFixed(1)}%`);
    const ticks = spec ? spec.ticks : [[1, fmt(m.cmax)], [0.5, fmt((m.cmin + m.cmax) / 2)], [0, fmt(m.cmin)]];
    const plan = gd.__bpxPlan, across = !!plan;  // a phone: strips under the plot, below J, the edges' first
    box.classList.toggle('bpx-cb-h', across);
    box.style.display = 'flex';
    if (across) {
      box.style.top = (size.t + size.h + plan.jRow + row * plan.barH + 4) + 'px';
      box.style.height = (plan.barH - 8) + 'px';
      box.style.width = (size.l + size.w - 8) + 'px';
      box.style.left = '8px';
      row += 1;
    } else {
      box.style.top = (size.t + size.h * (1 - len) / 2) + 'px';
      box.style.height = (size.h * len) + 'px';
      box.style.width = (side === 'left' ? size.l - 8 : size.r - 8) + 'px';
      box.style.left = (side === 'left' ? 2 : size.l + size.w + 6) + 'px';
    }
    box.innerHTML = '<div class="bpx-title"></div><div class="bpx-strip-row"><div class="bpx-strip"></div>' +
      '<div class="bpx-ticks"></div></div>';
    box.querySelector('.bpx-title').textContent = title.replace(/<[^>]*>/g, '');
    box.querySelector('.bpx-strip').style.background =
      `linear-gradient(to ${across ? 'right' : 'top'}, ${stops.join(', ')})`;
    const holder = box.querySelector('.bpx-ticks');
    for (const [q, text] of ticks) {
      const span = document.createElement('span');
      if (across) {  // the ends inside the strip's width
        span.style.left = (100 * q).toFixed(2) + '%';
        if (q <= 0.001 || q >= 0.999) span.style.transform = `translateX(${q < 0.5 ? 0 : -100}%)`;
      } else {
        span.style.top = (100 * (1 - q)).toFixed(2) + '%';
      }
      span.dataset.q = q;
      span.textContent = String(text).replace(/-/g, '−');
      holder.appendChild(span);
    }
    if (across) thinTicks(holder);
  }
}

// Ticks across a narrow strip: the ends, the middle, then the others from the outside in, a tick and its mirror
// image together (a symmetric-log bar marks more decades than a phone's width holds), each pair kept only where
// it is clear of the ticks already kept.
function thinTicks(holder) {
  const spans = [...holder.children], kept = [];
  const off = s => Math.abs(+s.dataset.q - 0.5);
  const groups = [];
  for (const s of spans.sort((a, b) => off(b) - off(a))) {
    const g = groups.find(g => Math.abs(off(g[0]) - off(s)) < 0.002 && off(s) < 0.499);
    if (g) g.push(s); else groups.push([s]);
  }
  const rank = g => (off(g[0]) >= 0.499 ? 0 : (off(g[0]) < 0.001 ? 1 : 2));  // the ends, the middle, the rest
  groups.sort((a, b) => rank(a) - rank(b));  // stable: the rest stay outside first
  for (const g of groups) {
    const rs = g.map(s => s.getBoundingClientRect());
    const clear = rs.every(r => kept.every(o => r.left >= o.right + 6 || r.right <= o.left - 6));
    if (clear) kept.push(...rs); else g.forEach(s => s.remove());
  }
}
