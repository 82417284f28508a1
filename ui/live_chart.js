// The live chart's browser side (ui/plotly_component.py): loads plotly.js, draws a figure with
// Plotly.react, and shows the figure's colour bars, Play/Pause and frame slider as a little HTML
// around the plot (plotly would redraw its own on every update). Shared by the chart and the bridge.
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__bpxPlotly) {
    window.__bpxPlotly = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = './app/static/plotly.min.js';
      s.onload = () => resolve(window.Plotly);
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  return window.__bpxPlotly;
}

const CSS = `
.bpx-chart { position: relative; width: 100%; }
.bpx-cb { position: absolute; display: none; flex-direction: column; align-items: center; gap: 4px;
  font-size: 12px; color: #1f2430; text-align: center; line-height: 1.15; pointer-events: none; }
.bpx-cb .bpx-strip-row { display: flex; flex: 1; gap: 4px; min-height: 0; margin: 0.55em 0; }
.bpx-cb .bpx-strip { width: 14px; border: 1px solid #999; }
.bpx-cb .bpx-ticks { position: relative; min-width: 3.6em; text-align: left; }
.bpx-cb .bpx-ticks span { position: absolute; left: 0; transform: translateY(-50%); white-space: nowrap; }
.bpx-anim { display: none; align-items: center; gap: 10px; padding: 4px 8px 8px 8px; font-size: 14px; }
.bpx-anim button { font: inherit; padding: 3px 12px; border: 1px solid #c4c7cf; border-radius: 6px;
  background: #f7f8fa; color: #1f2430; cursor: pointer; white-space: nowrap; }
.bpx-anim button:hover { border-color: #ff4b4b; color: #ff4b4b; }
.bpx-anim input[type=range] { flex: 1; accent-color: #ff4b4b; min-width: 80px; }
.bpx-anim .bpx-frame { min-width: 6em; }
.bpx-health { display: none; padding: 2px 8px 4px 8px; font-size: 0.9em; color: #1f2430; }
.bpx-side .bpx-health { grid-column: 1; }
.bpx-eq { display: none; padding: 2px 8px 8px 8px; color: #1f2430; }
.bpx-eq .bpx-eq-head { font-weight: 600; margin: 2px 0 4px 0; }
.bpx-eq .bpx-eq-label { font-size: 0.85em; color: #555b66; margin-top: 4px; }
.bpx-eq .bpx-eq-tex { overflow-x: auto; overflow-y: hidden; padding: 2px 0; }
.bpx-eq .bpx-notes div { font-size: 0.85em; margin-top: 6px; padding: 4px 8px; background: #eef3fb; border-radius: 6px; }
.bpx-eq .bpx-caption { font-size: 0.8em; color: #555b66; margin-top: 8px; }
/* the KaTeX build Streamlit ships for st.latex names its size classes katex-sizing; the page's CSS styles
   only .sizing, so without these every sub- and superscript in the panel is full size */
.bpx-eq .katex .katex-sizing.reset-size6.size1 { font-size: 0.5em; }
.bpx-eq .katex .katex-sizing.reset-size6.size2 { font-size: 0.6em; }
.bpx-eq .katex .katex-sizing.reset-size6.size3 { font-size: 0.7em; }
.bpx-eq .katex .katex-sizing.reset-size6.size4 { font-size: 0.8em; }
.bpx-eq .katex .katex-sizing.reset-size6.size5 { font-size: 0.9em; }
.bpx-eq .katex .katex-sizing.reset-size5.size1 { font-size: 0.5556em; }
.bpx-eq .katex .katex-sizing.reset-size5.size2 { font-size: 0.6667em; }
.bpx-eq .katex .katex-sizing.reset-size5.size3 { font-size: 0.7778em; }
.bpx-eq .katex .katex-sizing.reset-size5.size4 { font-size: 0.8889em; }
.bpx-eq .katex .katex-sizing.reset-size5.size6 { font-size: 1.111em; }
.bpx-eq .katex .katex-sizing.reset-size3.size1 { font-size: 0.7143em; }
.bpx-eq .katex .katex-sizing.reset-size3.size2 { font-size: 0.8571em; }
.bpx-eq .katex .katex-sizing.reset-size2.size1 { font-size: 0.8333em; }
.bpx-chart.bpx-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 18px; }
.bpx-side > * { min-width: 0; }
.bpx-side .bpx-plot, .bpx-side .bpx-anim { grid-column: 1; }
.bpx-side .bpx-anim { flex-wrap: wrap; }
.bpx-side .bpx-eq { grid-column: 2; grid-row: 1 / span 2; }
@media (max-width: 760px) {  /* a phone: the equations under the picture, not squeezed beside it */
  .bpx-chart.bpx-side { display: block; }
}
`;

function chrome(gd) {
  const wrap = gd.parentElement;
  if (wrap.__bpx) return wrap.__bpx;
  if (!document.getElementById('bpx-css')) {
    const st = document.createElement('style');
    st.id = 'bpx-css';
    st.textContent = CSS;
    document.head.appendChild(st);
  }
  const el = (tag, cls, parent) => {
    const e = document.createElement(tag);
    e.className = cls;
    parent.appendChild(e);
    return e;
  };
  const c = {bars: {left: el('div', 'bpx-cb', wrap), right: el('div', 'bpx-cb', wrap)}};
  c.anim = el('div', 'bpx-anim', wrap);
  c.play = el('button', 'bpx-play', c.anim);
  c.pause = el('button', 'bpx-pause', c.anim);
  c.range = el('input', 'bpx-range', c.anim);
  c.range.type = 'range';
  c.range.min = 0;
  c.range.step = 1;
  c.label = el('span', 'bpx-frame', c.anim);
  c.prev = el('button', 'bpx-prev', c.anim);
  c.next = el('button', 'bpx-next', c.anim);
  c.health = el('div', 'bpx-health', wrap);
  c.eq = el('div', 'bpx-eq', wrap);
  c.eq.innerHTML = '<div class="bpx-eq-head"></div><div class="bpx-eq-label"></div><div class="bpx-eq-tex"></div>' +
    '<div class="bpx-eq-label"></div><div class="bpx-eq-tex"></div><div class="bpx-notes"></div>' +
    '<div class="bpx-caption"></div>';
  c.prev.onclick = () => c.go(+c.range.value - 1);
  c.next.onclick = () => c.go(+c.range.value + 1);
  c.play.onclick = () => {
    if (!c.playArgs) return;
    // from the last frame, Play starts again at the first (plotly's fromcurrent would play nothing)
    const from = +c.range.value >= c.steps.length - 1 ? c.steps.map(s => s.args[0][0]) : null;
    c.playing = true;
    window.Plotly.animate(gd, from, c.playArgs).catch(() => {});  // an interrupted play rejects
  };
  c.pause.onclick = () => {
    c.playing = false;
    if (c.pauseArgs) window.Plotly.animate(gd, [null], c.pauseArgs).catch(() => {});
  };
  c.go = k => {  // show frame k (clamped), as the frame slider does
    k = Math.max(0, Math.min(c.steps.length - 1, k));
    const s = c.steps[k];
    if (s) { c.playing = false; window.Plotly.animate(gd, s.args[0], s.args[1]).catch(() => {}); showFrame(c, k); }
  };
  c.range.oninput = () => c.go(+c.range.value);
  // the sidebar collapsing (or anything else) changes the chart's width without a window resize
  if (window.ResizeObserver) {
    let pending = false;
    new ResizeObserver(() => {
      if (pending || !gd._fullLayout) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (gd.isConnected && gd.offsetParent !== null) window.Plotly.Plots.resize(gd).catch(() => {});
      });
    }).observe(wrap);
  }
  wrap.__bpx = c;
  keyboard();
  return c;
}

// A lecturer's keys for the animated chart on the page: Space plays or pauses, → and PageDown (what a
// presentation clicker sends) step forward, ← and PageUp back, Home and End go to the first and last frame.
const KEYS = {' ': 'toggle', ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1, Home: 'first', End: 'last'};
function keyboard() {
  if (window.__bpxKeys) return;
  window.__bpxKeys = true;
  document.addEventListener('keydown', e => {
    const act = KEYS[e.key];
    if (act === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;  // typing in a field or moving a slider keeps its keys
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName) ||
              (t.getAttribute && t.getAttribute('role') === 'slider'))) return;
    const c = [...document.querySelectorAll('.bpx-chart')].map(w => w.__bpx).find(x => x && x.steps);
    if (!c) return;
    e.preventDefault();
    const k = +c.range.value;
    if (act === 'toggle') (c.playing ? c.pause : c.play).click();
    else if (act === 'first') c.go(0);
    else if (act === 'last') c.go(c.steps.length - 1);
    else if (lessonTurn(act, k, c.steps.length)) return;
    else c.go(k + act);
  });
}

// While a lesson plays (ui/lesson.py), the clicker goes on past the animation's ends: PageDown on the last
// frame is the lesson bar's Next, PageUp on the first its Previous.
function lessonTurn(act, k, n) {
  const key = act === 1 && k >= n - 1 ? 'lesson_next' : (act === -1 && k <= 0 ? 'lesson_prev' : null);
  const b = key && document.querySelector('.st-key-' + key + ' button');
  if (!b || b.disabled) return false;
  b.click();
  return true;
}

function showFrame(c, k) {
  c.range.value = k;
  c.label.textContent = c.prefix + (c.steps[k] ? c.steps[k].label : '');
  c.prev.disabled = k <= 0;
  c.next.disabled = k >= c.steps.length - 1;
  // one timeline: the animation and the step-by-step view open where the other left off, and the address
  // holds the frame (a refresh, a bookmark or a copied link opens on it)
  try { sessionStorage.setItem(TIMELINE, JSON.stringify({n: c.steps.length, k})); } catch (e) { /* private mode */ }
  const url = new URL(window.location.href);
  if (url.searchParams.get('frame') !== String(k + 1)) {
    url.searchParams.set('frame', String(k + 1));
    window.history.replaceState(window.history.state, '', url);
  }
}

const TIMELINE = 'bpx-timeline';
function rememberedFrame(n) {
  if (!window.__bpxFrameFromUrl) {  // the address's frame, once per page load
    window.__bpxFrameFromUrl = true;
    const f = +new URL(window.location.href).searchParams.get('frame');
    if (Number.isInteger(f) && f >= 1 && f <= n) return f - 1;
  }
  try {
    const t = JSON.parse(sessionStorage.getItem(TIMELINE) || 'null');
    return t && t.n === n && t.k >= 0 && t.k < n ? t.k : null;
  } catch (e) { return null; }
}

// KaTeX comes with Streamlit (the module st.latex uses); its URL arrives with the chart's payload.
function loadKatex() {
  if (!window.__bpxKatexUrl) return Promise.resolve(null);
  if (!window.__bpxKatex) {
    window.__bpxKatex = import(new URL(window.__bpxKatexUrl, document.baseURI).href)
      .then(m => m.default).catch(() => null);
  }
  return window.__bpxKatex;
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
    texs[i].textContent = tex;  // shown as source until KaTeX has loaded, or if it cannot
    texs[i].dataset.tex = tex;
  });
  const notes = c.eq.querySelector('.bpx-notes');
  notes.replaceChildren(...eq.notes.map(n => { const d = document.createElement('div'); d.textContent = n; return d; }));
  c.eq.querySelector('.bpx-caption').textContent = meta.caption || '';
  // each formula typeset in a task of its own, after the frame is painted: playback stays on schedule
  loadKatex().then(katex => {
    if (!katex) return;
    texs.forEach(el => setTimeout(() => {
      if (el.dataset.tex && el.textContent === el.dataset.tex) {
        katex.render(el.dataset.tex, el, {displayMode: true, throwOnError: false});
      }
    }, 0));
  });
}

function fmt(v) {
  if (!isFinite(v)) return '';
  const s = Math.abs(v) < 1e-12 ? '0' : Number(v.toPrecision(3)).toString();
  return s.replace(/-/g, '−');
}

function drawBars(gd, c) {
  const size = gd._fullLayout && gd._fullLayout._size;
  for (const side of ['left', 'right']) {
    const box = c.bars[side];
    const k = (c.barTraces || {})[side];
    const t = k === undefined ? null : gd.data[k];
    const m = t && t.marker;
    if (!m || !Array.isArray(m.colorscale) || !size) { box.style.display = 'none'; continue; }
    const len = (m.colorbar && m.colorbar.len) || 0.8;
    // the figure says in layout.meta what each bar shows in this frame: title, colours and ticks in the
    // bar's own (display) space, so a symmetric-log scale reads as evenly as a linear one
    const spec = gd.layout.meta && gd.layout.meta[t.name === 'edges' ? 'edge_bar' : 'node_bar'];
    const title = spec ? spec.title : ((m.colorbar && m.colorbar.title && m.colorbar.title.text) || '');
    const stops = (spec ? spec.stops : m.colorscale).map(([p, col]) => `${col} ${(100 * p).toFixed(1)}%`);
    const ticks = spec ? spec.ticks : [[1, fmt(m.cmax)], [0.5, fmt((m.cmin + m.cmax) / 2)], [0, fmt(m.cmin)]];
    box.style.display = 'flex';
    box.style.top = (size.t + size.h * (1 - len) / 2) + 'px';
    box.style.height = (size.h * len) + 'px';
    box.style.width = (side === 'left' ? size.l - 8 : size.r - 8) + 'px';
    box.style.left = (side === 'left' ? 2 : size.l + size.w + 6) + 'px';
    box.innerHTML = '<div class="bpx-title"></div><div class="bpx-strip-row"><div class="bpx-strip"></div>' +
      '<div class="bpx-ticks"></div></div>';
    box.querySelector('.bpx-title').textContent = title.replace(/<[^>]*>/g, '');
    box.querySelector('.bpx-strip').style.background = `linear-gradient(to top, ${stops.join(', ')})`;
    const holder = box.querySelector('.bpx-ticks');
    for (const [q, text] of ticks) {
      const span = document.createElement('span');
      span.style.top = (100 * (1 - q)).toFixed(2) + '%';
      span.textContent = String(text).replace(/-/g, '−');
      holder.appendChild(span);
    }
  }
}

// The payload arrives as raw bytes of JSON ({key or target, fig}): no escaping inside another JSON.
function payload(data) {
  if (data == null) return null;
  if (typeof data === 'string') return JSON.parse(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return JSON.parse(new TextDecoder().decode(data));
  return data;
}

// The height that fills the window below the page's header, never less than the figure asked for.
function fillHeight(least) {
  return Math.round(Math.max(least, Math.min(1600, window.innerHeight - 150)));
}

// Plotly.deleteFrames(gd) sorts the indices as text (10 before 2) and then fails on 11 frames or more:
// remove them one at a time, last first.
function dropFrames(gd) {
  const n = ((gd._transitionData || {})._frames || []).length;
  let done = Promise.resolve();
  for (let k = n - 1; k >= 0; k--) done = done.then(() => window.Plotly.deleteFrames(gd, [k]));
  return done;
}

// Frames are attached once the browser is idle, and only to the picture they were built for.
function attachFrames(gd, frames, drawn) {
  // the HTML bars stand in for plotly's, which a frame's marker would otherwise switch back on
  frames.forEach(f => (f.data || []).forEach(t => { if (t.marker) t.marker.showscale = false; }));
  const attach = () => {
    if (gd.__bpxDrawn !== drawn) return;  // a newer figure is already on its way
    // one frame swap at a time: plotly's deleteFrames breaks on a frame list another swap is still changing
    gd.__bpxFrames = (gd.__bpxFrames || Promise.resolve()).then(() => {
      if (gd.__bpxDrawn !== drawn) return;
      return dropFrames(gd).then(() => frames.length && window.Plotly.addFrames(gd, frames)).then(() => {
        const c = gd.parentElement.__bpx;
        if (c && c.want !== null && c.want !== undefined && frames.length) { const k = c.want; c.want = null; c.go(k); }
      });
    }).catch(() => {});
  };
  if (window.requestIdleCallback) requestIdleCallback(attach, {timeout: 150});
  else setTimeout(attach, 50);
}

function draw(gd, fig) {
  performance.mark('bpx-draw-start');  // read by bench/ui_latency.py
  const frames = fig.frames || [];  // absent when they follow separately (the bridge's second element)
  const layout = fig.layout;
  const c = chrome(gd);
  const slider = (layout.sliders || [])[0], menu = (layout.updatemenus || [])[0];
  layout.sliders = [];
  layout.updatemenus = [];
  c.barTraces = {};
  const font = (layout.font && layout.font.size) || 14;
  const margin = Object.assign({l: 80, r: 80, t: 100, b: 80}, layout.margin || {});
  fig.data.forEach((t, k) => {
    if (t.marker && t.marker.showscale) {
      const side = (t.marker.colorbar && t.marker.colorbar.x < 0.5) ? 'left' : 'right';
      c.barTraces[side] = k;
      margin[side === 'left' ? 'l' : 'r'] = Math.max(margin[side === 'left' ? 'l' : 'r'], 6.8 * font);
      t.marker.showscale = false;
    }
  });
  if (slider) {  // the controls sit below the plot, in the room plotly kept for its own
    layout.height = (layout.height || 500) - Math.max(0, margin.b - 24);
    margin.b = 24;
  }
  layout.margin = margin;
  c.anim.style.display = slider ? 'flex' : 'none';
  c.anim.style.fontSize = font + 'px';
  for (const b of Object.values(c.bars)) b.style.fontSize = Math.round(font * 0.85) + 'px';  // projector: larger
  const meta = layout.meta || {};
  gd.parentElement.classList.toggle('bpx-side', !!meta.side);
  c.eq.style.fontSize = font + 'px';
  c.want = null;
  c.lastAnn = JSON.stringify(layout.annotations || []);  // what the plot shows: a frame relayouts only a change
  if (slider) {
    c.steps = slider.steps;
    c.prefix = (slider.currentvalue && slider.currentvalue.prefix) || '';
    c.range.setAttribute('aria-label', c.prefix.replace(/[:：]\s*$/, '').trim());
    c.range.max = slider.steps.length - 1;
    const opening = slider.active ?? slider.steps.length - 1;
    const forced = Number.isInteger(meta.frame) && meta.frame >= 0 && meta.frame < slider.steps.length;
    const k = forced ? meta.frame : rememberedFrame(slider.steps.length);  // a lesson's step names its frame
    if (k !== null && k !== opening) c.want = k;  // shown once the frames are attached
    showFrame(c, opening);
    [c.prev.textContent, c.next.textContent] = meta.nav || ['◀', '▶'];
  }
  showMoment(c, meta);
  c.health.style.display = meta.health ? 'block' : 'none';  // the network's health, current with every picture
  c.health.textContent = meta.health || '';
  if (menu) {
    c.play.textContent = menu.buttons[0].label;
    c.pause.textContent = menu.buttons[1].label;
    c.playArgs = menu.buttons[0].args[1];
    c.pauseArgs = menu.buttons[1].args[1];
  }
  if (meta.fill) {  // presentation mode: the network takes the screen's height (minus the controls under it)
    c.fill = layout.height;
    layout.height = fillHeight(c.fill);
    if (!window.__bpxFillResize) {
      window.__bpxFillResize = true;
      window.addEventListener('resize', () => document.querySelectorAll('.bpx-plot').forEach(g => {
        const cc = g.parentElement.__bpx;
        if (cc && cc.fill && g._fullLayout) {
          const h = fillHeight(cc.fill);
          g.style.height = h + 'px';
          window.Plotly.relayout(g, {height: h}).catch(() => {});
        }
      }));
    }
  } else {
    c.fill = null;
  }
  gd.style.height = layout.height + 'px';
  const drawn = (gd.__bpxDrawn || 0) + 1;
  gd.__bpxDrawn = drawn;
  gd.__bpxDrawing = loadPlotly().then(Plotly => {
    const config = {displayModeBar: false};  // the ResizeObserver in chrome() follows every width change
    return Plotly.react(gd, {data: fig.data, layout, config}).then(() => {
      performance.mark('bpx-draw-end');
      drawBars(gd, c);
      if (!gd.__bpxAnim) {
        gd.__bpxAnim = true;
        gd.on('plotly_animatingframe', e => {
          const cc = gd.parentElement.__bpx;
          const k = (cc.steps || []).findIndex(s => s.args[0][0] === e.name);
          if (k >= 0) showFrame(cc, k);
          if (k === (cc.steps || []).length - 1) cc.playing = false;
          // a frame changes the title without a redraw, which plotly then does not repaint
          const f = e.frame || (gd._transitionData._frameHash || {})[e.name];
          const fl = (f && f.layout) || {};
          const title = fl.title && fl.title.text;
          const upd = {};
          if (title != null) upd['title.text'] = title;
          const ann = fl.annotations && JSON.stringify(fl.annotations);
          if (ann && ann !== cc.lastAnn) { upd.annotations = fl.annotations; cc.lastAnn = ann; }  // J, once computed
          if (Object.keys(upd).length) setTimeout(() => Plotly.relayout(gd, upd), 0);
          if (fl.meta) showMoment(cc, fl.meta);
          setTimeout(() => drawBars(gd, cc), 0);  // the frame's colours are in gd.data by then
        });
        gd.on('plotly_afterplot', () => drawBars(gd, gd.parentElement.__bpx));  // resizes
      }
      if (fig.frames !== undefined) attachFrames(gd, fig.frames, drawn);
      return Plotly;
    });
  });
  return gd.__bpxDrawing;
}
