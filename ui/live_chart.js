// The live chart's browser side (ui/plotly_component.py puts ui/chart_core.js, and its CSS as CHART_CORE_CSS,
// before it): loads plotly.js, draws a figure with Plotly.react, and shows the figure's colour bars,
// Play/Pause and frame slider as a little HTML around the plot (plotly would redraw its own on every update).
// Shared by the chart and the bridge; a phone's layout (narrowPlan) is this page's own.
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

const CSS = CHART_CORE_CSS + `
.bpx-chart { position: relative; width: 100%; }
.bpx-anim { display: none; align-items: center; gap: 10px; padding: 4px 8px 8px 8px; font-size: 14px; }
.bpx-anim button { font: inherit; padding: 3px 12px; border: 1px solid #c4c7cf; border-radius: 6px;
  background: #f7f8fa; color: #1f2430; cursor: pointer; white-space: nowrap; }
.bpx-anim button:hover { border-color: #ff4b4b; color: #ff4b4b; }
.bpx-anim input[type=range] { min-width: 80px; }
.bpx-anim .bpx-frame { min-width: 6em; }
.bpx-health { display: none; color: #1f2430; }
.bpx-side .bpx-health { grid-column: 1; }
.bpx-eq { display: none; padding: 2px 8px 8px 8px; color: #1f2430; }
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
/* a phone (the chart under NARROW px): colour bars as strips under the plot, a panel for the tapped point,
   and controls a thumb can hit (44 px, as on any touch screen) */
.bpx-cb.bpx-cb-h { align-items: stretch; text-align: left; gap: 2px; }
.bpx-cb-h .bpx-strip-row { flex-direction: column; flex: none; margin: 0; gap: 2px; }
.bpx-cb-h .bpx-strip { width: auto; height: 10px; }
.bpx-cb-h .bpx-ticks { min-width: 0; height: 1.2em; }
.bpx-cb-h .bpx-ticks span { top: 0; transform: translateX(-50%); }
.bpx-narrow .hoverlayer .hovertext { display: none; }
.bpx-tip { display: none; position: absolute; left: 4px; right: 4px; z-index: 3; padding: 6px 10px; font-size: 14px;
  line-height: 1.4; color: #1f2430; background: #fff; border: 1px solid #8a8f99; border-radius: 8px;
  box-shadow: 0 2px 10px rgba(0, 0, 0, 0.18); overflow-wrap: anywhere; }
.bpx-narrow .bpx-anim { flex-wrap: wrap; gap: 8px; }
.bpx-narrow .bpx-anim .bpx-range { order: 5; flex: 1 1 100%; }
.bpx-narrow .bpx-anim .bpx-frame { order: 6; min-width: 0; }
.bpx-narrow .bpx-anim button, .bpx-touch .bpx-anim button { min-height: 44px; min-width: 44px; padding: 6px 14px; }
.bpx-narrow .bpx-anim input[type=range], .bpx-touch .bpx-anim input[type=range] {
  -webkit-appearance: none; appearance: none; height: 44px; background: transparent; margin: 0; }
.bpx-narrow .bpx-range::-webkit-slider-runnable-track, .bpx-touch .bpx-range::-webkit-slider-runnable-track {
  height: 6px; border-radius: 3px; background: #d6d8de; }
.bpx-narrow .bpx-range::-webkit-slider-thumb, .bpx-touch .bpx-range::-webkit-slider-thumb {
  -webkit-appearance: none; width: 30px; height: 30px; margin-top: -12px; border-radius: 50%; background: #ff4b4b;
  border: 2px solid #fff; box-shadow: 0 0 0 1px #ff4b4b; }
.bpx-narrow .bpx-range::-moz-range-thumb, .bpx-touch .bpx-range::-moz-range-thumb {
  width: 30px; height: 30px; border-radius: 50%; background: #ff4b4b; border: 2px solid #fff; }
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
  c.tip = el('div', 'bpx-tip', wrap);
  c.tip.onclick = () => { c.tip.style.display = 'none'; };
  c.anim = el('div', 'bpx-anim', wrap);
  wrap.classList.toggle('bpx-touch', !!(window.matchMedia && matchMedia('(pointer: coarse)').matches));
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
  c.play.onclick = () => playFrames(gd, c);
  c.pause.onclick = () => pauseFrames(gd, c);
  c.go = k => {  // show frame k (clamped), as the frame slider does
    k = Math.max(0, Math.min(c.steps.length - 1, k));
    const s = c.steps[k];
    if (s && !gd.__bpxSrcFrames) { c.want = k; showFrame(c, k); return; }  // shown once this picture's frames come
    if (s) { c.playing = false; window.Plotly.animate(gd, s.args[0], s.args[1]).catch(() => {}); showFrame(c, k); }
  };
  c.range.oninput = () => c.go(+c.range.value);
  // chart_core's hooks: the frame's place, and KaTeX from Streamlit
  c.showFrame = k => showFrame(c, k);
  c.katex = loadKatex;
  c.typeset = (katex, el, tex) => {
    katex.render(tex, el, {displayMode: true, throwOnError: false});
    el.classList.remove('bpx-source');
  };
  // the sidebar collapsing (or anything else) changes the chart's width without a window resize
  if (window.ResizeObserver) {
    let pending = false;
    new ResizeObserver(() => {
      if (pending || !gd._fullLayout) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (!gd.isConnected || gd.offsetParent === null) return;
        const w = narrowWidth(gd), p = gd.__bpxPlan;
        // across NARROW, or a new width while narrow: drawn again; else plotly follows the width
        if (gd.__bpxNet && (!!w !== !!p || (p && Math.abs(p.width - w) > 1))) redraw(gd);
        else window.Plotly.Plots.resize(gd).catch(() => {});
      });
    }).observe(wrap);
  }
  wrap.__bpx = c;
  keyboard();
  return c;
}

// A lecturer's keys (chart_core's KEYS) for the animated chart on the page.
function keyboard() {
  if (window.__bpxKeys) return;
  window.__bpxKeys = true;
  // typing in a field or moving a slider keeps its keys
  const keeps = t => t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName) ||
                           (t.getAttribute && t.getAttribute('role') === 'slider'));
  document.addEventListener('keydown', e => {
    const act = lecturerKey(e, keeps);
    if (act === undefined) return;
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
  hideFrameScales(frames);
  const attach = () => {
    if (gd.__bpxDrawn !== drawn) return;  // a newer figure is already on its way
    gd.__bpxSrcFrames = frames;
    const p = gd.__bpxPlan, shown = p ? frames.map(f => narrowFrame(f, p)) : frames;
    // one frame swap at a time: plotly's deleteFrames breaks on a frame list another swap is still changing
    gd.__bpxFrames = (gd.__bpxFrames || Promise.resolve()).then(() => {
      if (gd.__bpxDrawn !== drawn) return;
      return dropFrames(gd).then(() => shown.length && window.Plotly.addFrames(gd, shown)).then(() => {
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
  const c = chrome(gd);
  // the figure as sent is kept unchanged: a width change across NARROW draws it again (redraw)
  gd.__bpxSrc = fig;
  gd.__bpxSrcFrames = fig.frames || null;  // null while they follow separately (the bridge's second element)
  if (fig.frames === undefined) {  // the frames on the plot are another picture's: Play must not show them
    gd.__bpxFrames = (gd.__bpxFrames || Promise.resolve()).then(() => dropFrames(gd)).catch(() => {});
  }
  gd.__bpxNet = fig.data.some(t => t.name === 'neurons');
  const width = gd.__bpxNet ? narrowWidth(gd) : 0;
  const plan = width ? narrowPlan(fig, width) : null;
  gd.__bpxPlan = plan;
  gd.parentElement.classList.toggle('bpx-narrow', !!plan);
  c.tip.style.display = 'none';
  if (plan) fig = narrowFigure(fig, plan);
  const {data, layout, slider, menu, font, meta} = pageFigure(c, fig, !!plan);
  c.anim.style.display = slider ? 'flex' : 'none';
  c.anim.style.fontSize = font + 'px';
  for (const b of Object.values(c.bars)) b.style.fontSize = Math.round(font * 0.85) + 'px';  // projector: larger
  gd.parentElement.classList.toggle('bpx-side', !!meta.side);
  c.eq.style.fontSize = font + 'px';
  c.want = null;
  c.lastAnn = JSON.stringify(layout.annotations || []);  // what the plot shows: a frame relayouts only a change
  readControls(c, slider, menu, meta);
  if (slider) {
    const opening = slider.active ?? slider.steps.length - 1;
    const forced = Number.isInteger(meta.frame) && meta.frame >= 0 && meta.frame < slider.steps.length;
    const k = forced ? meta.frame : rememberedFrame(slider.steps.length);  // a lesson's step names its frame
    if (k !== null && k !== opening) c.want = k;  // shown once the frames are attached
    showFrame(c, opening);
  }
  showMoment(c, meta);
  c.health.style.display = meta.health ? 'block' : 'none';  // the network's health, current with every picture
  c.health.textContent = meta.health || '';
  if (meta.fill && !plan) {  // presentation mode: the network takes the screen's height (minus the controls under it)
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
    return Plotly.react(gd, {data, layout, config}).then(() => {
      performance.mark('bpx-draw-end');
      drawBars(gd, c);
      if (!gd.__bpxAnim) {
        gd.__bpxAnim = true;
        gd.on('plotly_animatingframe', e => followFrame(gd, gd.parentElement.__bpx, e));
        gd.on('plotly_afterplot', () => drawBars(gd, gd.parentElement.__bpx));  // resizes
        gd.on('plotly_hover', e => tapPanel(gd, e));  // a phone: a tap hovers, and clicks
        gd.on('plotly_click', e => tapPanel(gd, e));
        gd.on('plotly_unhover', () => {  // a mouse that leaves the point; a finger's tap stays until the next
          const cc = gd.parentElement.__bpx;
          if (!gd.parentElement.classList.contains('bpx-touch')) cc.tip.style.display = 'none';
        });
      }
      if (fig.frames !== undefined) attachFrames(gd, fig.frames, drawn);
      return Plotly;
    });
  });
  return gd.__bpxDrawing;
}

// ---- A slider's new picture, before the rerun's (ui/preview.py) ----
// The network on screen (its link travels in the picture: layout.meta.preview) with the slider's new value (the
// sample's x and y, or a structure slider's key and value), drawn only if it is still the newest request and no
// other picture was drawn since it was asked for; the rerun's figure then carries the same rev and is not drawn
// again (its frames attach to this picture).
function explorerPlot() {  // the explorer's live chart (ui/live.py: EXPLORER_CHART), when the page shows it
  return document.querySelector('.bpx-plot[data-key="network"]');
}
function preview(values) {
  const gd = explorerPlot();
  const base = gd && gd._fullLayout && gd.__bpxSrc && (gd.__bpxSrc.layout.meta || {}).preview;
  if (!base) return;
  values.taken = true;  // values.then() once drawn or not coming: the slider then asks for the rerun
  const then = values.then || (() => {});
  const asked = gd.__bpxDrawn, n = (gd.__bpxAsked || 0) + 1;
  gd.__bpxAsked = n;
  const change = values.choice ? {choice: values.choice, label: values.label ?? ''}
    : values.slider ? {slider: values.slider, value: values.value} : {x: values.x ?? null, y: values.y ?? null};
  const body = JSON.stringify({net: base.net, view: base.view, ...change});
  fetch(new URL('./api/preview', document.baseURI).href, {method: 'POST', body,
                                                           headers: {'Content-Type': 'application/json'}})
    .then(r => (r.ok ? r.json() : null))
    .then(p => {
      if (!p || gd.__bpxAsked !== n || gd.__bpxDrawn !== asked || gd.__bpxRev === p.rev) return;
      gd.__bpxRev = p.rev;  // the chart's or the bridge's element with this rev is then not drawn again
      return draw(gd, p.fig);
    })
    .catch(() => {})  // no answer: the rerun's picture comes as before
    .then(then);
}
// A sidebar st.slider that changes the network or the sample shown (keyed b<rev>_hidden, _w0, _w1, ..., _wout,
// _m, _l2, or sample_pick: ui/controls.py). An arrow key or Home/End moves it one step or to an end: that value is
// asked for at once, before the slider's own key handler sends Streamlit's rerun (the two then race to the
// server). Just after that handler, the value it set is read: another one is asked for again, and a press that
// moved nothing withdraws the guess (only the newest request is ever drawn). A drag or a click on the track is
// read once released.
const SLIDER_KEY = /(?:^|\s)st-key-(?:b\d+_(hidden|w\d+|wout|m|l2)|(sample)_pick)(?:\s|$)/;
const KEY_STEPS = {ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1};
function guessed(e, input) {
  const v = +input.value, lo = +input.min, hi = +input.max, step = +input.step || 1;
  if (e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return null;
  const places = (String(step).split('.')[1] || '').length;  // 0.05 + 0.1 is 0.15, as the slider has it
  if (e.key in KEY_STEPS) return Math.min(hi, Math.max(lo, +(v + KEY_STEPS[e.key] * step).toFixed(places)));
  return e.key === 'Home' ? lo : e.key === 'End' ? hi : null;
}
function sliderMoved(e) {
  const el = e.target;
  if (!(el instanceof Element)) return;
  const box = el.closest('[data-testid="stSidebar"] .stElementContainer');
  const key = box && SLIDER_KEY.exec(box.className);
  const input = key && box.querySelector('input[type="range"]');
  if (!input) return;
  const slider = key[1] || key[2];
  const ask = v => preview({slider, value: slider === 'l2' ? v : Math.round(v)});
  if (e.type !== 'keydown') {
    setTimeout(() => ask(+input.value), 0);
    return;
  }
  const before = input.value, guess = guessed(e, input);
  const asked = guess !== null && String(guess) !== before;
  if (asked) ask(guess);
  setTimeout(() => {
    const now = input.value;
    if (now !== before && +now !== guess) ask(+now);
    else if (now === before && asked) withdraw();
  }, 0);
}
// A select box's option (the activations, the output and loss, the init scheme: keyed b<rev>_act1, ..., _pair,
// _scheme), clicked or taken with Enter, or the New random weights button, clicked: asked for before
// Streamlit's own handler sends the rerun.
const CHOICE_KEY = /(?:^|\s)st-key-b\d+_(act\d+|pair|scheme|new_weights)(?:\s|$)/;
function choiceMade(e) {
  const el = e.target instanceof Element ? e.target : null;
  // clicked, or the option the keyboard is on when Enter is pressed in an open box (aria-activedescendant)
  const keyed = e.type === 'keydown' && e.key === 'Enter' && el && el.getAttribute('aria-expanded') === 'true'
    && document.getElementById(el.getAttribute('aria-activedescendant') || '');
  const option = keyed || (e.type === 'click' && el && el.closest('[role="option"]'));
  const open = option && document.querySelector('[data-testid="stSidebar"] [role="combobox"][aria-expanded="true"]');
  const button = e.type === 'click' && el && !option && el.closest('[data-testid="stSidebar"] button');
  const box = (open || button) && (open || button).closest('.stElementContainer');
  const key = box && CHOICE_KEY.exec(box.className);
  if (!key || (key[1] === 'new_weights') !== !!button) return;
  preview(button ? {choice: key[1]} : {choice: key[1], label: option.textContent.trim()});
}
function withdraw() {
  const gd = explorerPlot();
  if (gd) gd.__bpxAsked = (gd.__bpxAsked || 0) + 1;
}
if (!window.__bpxPreviewing) {
  window.__bpxPreviewing = true;
  document.addEventListener('bpx-sample', e => preview(e.detail || {}));
  document.addEventListener('keydown', sliderMoved, true);
  document.addEventListener('pointerup', sliderMoved, true);  // a drag or a click on the track, released
  document.addEventListener('click', choiceMade, true);
  document.addEventListener('keydown', choiceMade, true);
}

// ---- A phone: the network drawn top to bottom ----
// The server does not know the screen's width, and a link opened on a phone must show the teacher's numbers:
// the figure stays the same and only its layout changes here. Below NARROW px every trace's x and y swap
// (layer l on the row y = −l, a layer's neurons left to right), the layer titles go to the left of their
// rows, J and the colour bars (as horizontal strips) under the plot, the nodes shrink to their columns, and
// a label that would then be set under MIN_FONT px is dropped (a tap shows every number: tapPanel).
const NARROW = 600;  // px of the chart's own width
const MIN_FONT = 10;
const PAD = 0.45;  // rows beyond the first and last layer, as the desktop figure's X_PAD
// Source Sans widths in ems, as viz/sizes.py measures them (labels are numbers; unlisted 0.6, CJK 1.0)
const EM = {};
for (const [chars, w] of [['0123456789+=−', 0.497], ['.', 0.242], [',', 0.256], ['-', 0.284], [' ', 0.2],
  ['()', 0.303], ['·', 0.209], ['∞', 0.782], ['δ', 0.531], ['∂', 0.528], ['θ', 0.522], ['Θ', 0.664], ['ˡ', 0.174],
  ['⁽⁾', 0.237], ['⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉', 0.367], ['fijlrt', 0.3], ['mw', 0.8], ['abcdeghknopqsuvxyz', 0.54],
  ['IJ', 0.48], ['MW', 0.79]]) for (const ch of chars) EM[ch] = w;
function textEm(s, bold) {
  let w = 0;
  for (const ch of String(s)) w += EM[ch] ?? (ch.codePointAt(0) >= 0x2E80 ? 1.0 : 0.6);
  return w * 1.05 * (bold ? 1.06 : 1);
}
// the largest font (px) at which a label's box lies inside a node of diameter d (viz/sizes.fit_font)
const fitFont = (label, d) => Math.max(0, (d / 2 - 2) / Math.hypot(textEm(label) / 2, 1.33 / 2 + 0.15));
const plain = html => String(html).replace(/<[^>]*>/g, '');
const blank = s => s == null || !String(s).trim();

const TYPED = {f4: Float32Array, f8: Float64Array, i1: Int8Array, u1: Uint8Array, i2: Int16Array, u2: Uint16Array,
  i4: Int32Array, u4: Uint32Array};
function numbers(v) {  // a plotly typed-array spec ({dtype, bdata}, as viz/figure.py sends positions) decoded
  if (!v || typeof v !== 'object' || v.bdata === undefined || !TYPED[v.dtype]) return v;
  const bin = atob(v.bdata), bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TYPED[v.dtype](bytes.buffer);
}
function negated(v) {  // −v element by element; null and NaN (segment separators) stay what they are
  v = numbers(v);
  if (ArrayBuffer.isView(v)) return Float64Array.from(v, x => -x);
  return Array.isArray(v) ? v.map(x => (x == null ? x : -x)) : v;
}

function narrowWidth(gd) {
  const w = gd.parentElement.clientWidth;
  return w > 0 && w < NARROW ? w : 0;
}

// Everything the narrow layout needs, measured once on the figure (its frames are drawn with the same plan).
function narrowPlan(fig, width) {
  const data = fig.data, layout = fig.layout;
  const names = data.map(t => t.name);
  const neurons = data[names.indexOf('neurons')];
  if (!neurons || !layout.xaxis || !layout.yaxis) return null;  // not a network figure
  const cd = neurons.customdata || [];
  const counts = [];
  cd.forEach(r => { counts[r[0]] = (counts[r[0]] || 0) + 1; });
  const L = counts.length - 1, cols = Math.max(1, ...counts.filter(Boolean));
  const font = (layout.font && layout.font.size) || 14, large = font >= 18;
  // 14.5 px: a symbol's superscript (plotly sets <sup> at 70 %) stays over 10 px
  const p = {width, names, L, layerFont: large ? 17 : 14.5, actFont: large ? 14 : 11,
             titleFont: Math.min(large ? 20 : 15, (layout.title && layout.title.font && layout.title.font.size) || 17)};
  p.jFont = p.titleFont;
  // the layer titles, three lines each (name, symbol, activation), to the left of their rows
  const titles = (layout.annotations || []).filter(a => a.xref === 'x' && a.yref === 'paper');
  const titleWidth = () => Math.max(0, ...titles.flatMap(a => threeLines(a.text, p).split(/<br\s*\/?>/i).map(line =>
    /font-size/.test(line) ? textEm(plain(line)) * p.actFont : textEm(plain(line), /<b>/.test(line)) * p.layerFont)));
  let left = titleWidth();
  if (left + 14 > 0.36 * width) {  // very long names: smaller, never under MIN_FONT
    const k = 0.36 * width / (left + 14);
    p.layerFont = Math.max(MIN_FONT / 0.7, p.layerFont * k);
    p.actFont = Math.max(MIN_FONT, p.actFont * k);
    left = titleWidth();
  }
  const lines = Math.max(1, ...titles.map(a => threeLines(a.text, p).split(/<br\s*\/?>/i).length));
  const block = 1.33 * (p.layerFont * (lines - 1) + p.actFont) + 0.3 * p.layerFont;
  const bars = data.filter(t => t.marker && t.marker.showscale).length;
  const hasJ = (layout.annotations || []).some(a => String(a.text).startsWith('<b>J'));
  p.barFont = Math.round(font * 0.85);
  p.barH = Math.round(p.barFont * 3.3 + 16);
  p.jRow = hasJ ? Math.round(p.jFont * 1.33 + 10) : 0;
  p.margin = {l: Math.ceil(left + 14), r: 8, t: Math.round(12 + 1.33 * p.titleFont + 10),
              b: 8 + p.jRow + bars * p.barH};
  p.xRange = [-cols / 2, cols / 2];
  p.colPx = (width - p.margin.l - p.margin.r) / cols;
  const served = neurons.marker && typeof neurons.marker.size === 'number' ? neurons.marker.size : 40;
  p.d = Math.max(2, Math.min(served, 0.86 * p.colPx));
  p.rowPx = Math.max(76, Math.min(130, Math.max(1.9 * p.d, block + 14)));
  p.yRange = [-(L + PAD), PAD];
  p.height = Math.round(p.margin.t + p.margin.b + p.rowPx * (L + 2 * PAD));
  p.keep = edgeLabelsKept(data[names.indexOf('edge_labels')], neurons, p);
  return p;
}

// "hidden 1 a¹ / sigmoid" as three lines (name, symbol, activation), at the narrow layout's sizes
function threeLines(text, p) {
  return String(text).replace('</b> ', '</b><br>').replace(/font-size:\s*[\d.]+px/g, `font-size:${p.actFont}px`);
}

// Numbers on the edges: each stays where its box is clear of every node and of the numbers kept before it.
function edgeLabelsKept(t, neurons, p) {
  if (!t || !Array.isArray(t.text) || !t.text.length) return null;
  const size = (t.textfont && t.textfont.size) || MIN_FONT;
  const w = size * Math.max(textEm('−0.000'), ...t.text.map(s => textEm(s))) * 1.15 + 4, h = size * 1.35;
  const px = (x, y) => [(-y - p.xRange[0]) * p.colPx, (p.yRange[1] + x) * p.rowPx];  // desktop x, y -> px
  const nx = numbers(neurons.x), ny = numbers(neurons.y), lx = numbers(t.x), ly = numbers(t.y);
  const nodes = Array.from(nx, (x, k) => px(x, ny[k]));
  const kept = [], out = [];
  for (let k = 0; k < lx.length; k++) {
    const [cx, cy] = px(lx[k], ly[k]);
    const clearOfNodes = nodes.every(([x, y]) => {  // the box's nearest point to the node's centre
      const dx = Math.max(Math.abs(x - cx) - w / 2, 0), dy = Math.max(Math.abs(y - cy) - h / 2, 0);
      return Math.hypot(dx, dy) > p.d / 2 + 1;
    });
    const ok = clearOfNodes && kept.every(([x, y]) => Math.abs(x - cx) >= w + 2 || Math.abs(y - cy) >= h + 1);
    if (ok) kept.push([cx, cy]);
    out.push(ok);
  }
  return out;
}

// One trace (of the figure, or a frame's update of trace number k) in the narrow layout.
function narrowTrace(t, name, p) {
  const o = Object.assign({}, t);
  delete o.x;
  delete o.y;
  if (t.y !== undefined) o.x = negated(t.y);
  if (t.x !== undefined) o.y = negated(t.x);
  if (name === 'neurons' || name === 'inputs') {
    if (t.marker && typeof t.marker.size === 'number') o.marker = Object.assign({}, t.marker, {size: p.d});
    if (Array.isArray(t.text)) {
      const want = t.textfont && t.textfont.size, text = [], size = [];
      t.text.forEach((s, k) => {
        const f0 = Array.isArray(want) ? want[k] : (want || 13);
        const f = blank(s) ? f0 : Math.floor(Math.min(f0, fitFont(s, p.d)) * 4) / 4;
        const drop = !blank(s) && f < MIN_FONT;  // dropped rather than spilling out of its node
        text.push(drop ? '\u00a0' : s);
        size.push(drop ? MIN_FONT : f);
      });
      o.text = text;
      o.textfont = Object.assign({}, t.textfont, {size});
    }
  }
  if (name === 'edge_labels' && Array.isArray(t.text) && p.keep) {
    o.text = t.text.map((s, k) => (p.keep[k] ? s : '\u00a0'));
  }
  return o;
}

function narrowNote(a, p) {
  if (String(a.text).startsWith('<b>J')) {  // J under the plot, at its right
    return Object.assign({}, a, {x: 1, xref: 'paper', xanchor: 'right', y: 0, yref: 'paper', yanchor: 'top',
      yshift: -6, font: Object.assign({}, a.font, {size: p.jFont})});
  }
  if (a.xref === 'x' && a.yref === 'paper') {  // a layer's title, left of its row
    return Object.assign({}, a, {x: 0, xref: 'paper', xanchor: 'right', xshift: -8, y: -a.x, yref: 'y',
      yanchor: 'middle', yshift: 0, align: 'right', text: threeLines(a.text, p),
      font: Object.assign({}, a.font, {size: p.layerFont})});
  }
  if (a.xref === 'x' && a.yref === 'y') return Object.assign({}, a, {x: -a.y, y: -a.x});
  return a;
}

function narrowLayout(l, p) {
  const o = Object.assign({}, l);
  if (l.annotations) o.annotations = l.annotations.map(a => narrowNote(a, p));
  if (l.shapes) {
    o.shapes = l.shapes.map(s => (s.xref === 'x' && s.yref === 'y'
      ? Object.assign({}, s, {x0: -s.y1, x1: -s.y0, y0: -s.x1, y1: -s.x0}) : s));
  }
  return o;
}

function narrowFigure(fig, p) {
  const layout = narrowLayout(fig.layout, p);
  layout.xaxis = Object.assign({}, fig.layout.xaxis, {range: p.xRange});
  layout.yaxis = Object.assign({}, fig.layout.yaxis, {range: p.yRange});
  layout.margin = Object.assign({}, p.margin);
  layout.height = p.height;
  if (layout.title) {
    layout.title = Object.assign({}, layout.title, {font: Object.assign({}, layout.title.font, {size: p.titleFont})});
  }
  const data = fig.data.map((t, k) => narrowTrace(t, p.names[k], p));
  return Object.assign({}, fig, {data, layout});
}

function narrowFrame(f, p) {
  const data = (f.data || []).map((t, i) => narrowTrace(t, p.names[(f.traces || [])[i] ?? i], p));
  return Object.assign({}, f, {data, layout: f.layout ? narrowLayout(f.layout, p) : f.layout});
}

// A tap (or a hover) on a phone shows the point's hover text in a panel across the chart, next to the point,
// where a long formula wraps instead of running off the screen.
function tapPanel(gd, e) {
  const c = gd.parentElement.__bpx, p = gd.__bpxPlan, pt = e && e.points && e.points[0];
  if (!c || !p || !pt) return;
  const t = gd.data[pt.curveNumber] || {};
  const at = v => (Array.isArray(v) ? v[pt.pointNumber] : v);
  const html = at(t.hovertext) ?? (t.hovertemplate && /%\{text\}/.test(t.hovertemplate) ? at(t.text) : null);
  if (blank(html)) return;
  richText(c.tip, html);
  const fl = gd._fullLayout, xa = fl.xaxis, ya = fl.yaxis;
  const y = ya._offset + ya.l2p(pt.y), r = (t.name === 'edges' ? 6 : p.d / 2) + 8;
  c.tip.style.display = 'block';
  const below = y < fl._size.t + fl._size.h / 2;
  c.tip.style.top = Math.round(below ? y + r : Math.max(0, y - r - c.tip.offsetHeight)) + 'px';
}

// The app's own hover text (numbers, <b>, <sub>, <sup>, <br>) as elements; any other tag is left out.
function richText(el, html) {
  el.replaceChildren();
  const stack = [el];
  for (const part of String(html).split(/(<[^>]*>)/)) {
    const tag = /^<(\/?)(b|i|sub|sup|br)\b[^>]*>$/i.exec(part);
    if (tag) {
      const name = tag[2].toLowerCase();
      if (name === 'br') stack[stack.length - 1].appendChild(document.createElement('br'));
      else if (!tag[1]) stack.push(stack[stack.length - 1].appendChild(document.createElement(name)));
      else if (stack.length > 1) stack.pop();
    } else if (!/^<[^>]*>$/.test(part) && part) {
      const txt = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      stack[stack.length - 1].appendChild(document.createTextNode(txt));
    }
  }
}

// A width change across NARROW (a phone turned, the sidebar opened) draws the same figure again, on its frame.
function redraw(gd) {
  const c = gd.parentElement.__bpx;
  const k = c && c.steps ? (c.want ?? +c.range.value) : null;  // a frame still to be shown, or the one on screen
  const before = gd.__bpxDrawn;
  draw(gd, Object.assign({}, gd.__bpxSrc, {frames: gd.__bpxSrcFrames || []}));
  if (gd.__bpxPushed && gd.__bpxPushed[1] === before) gd.__bpxPushed[1] = gd.__bpxDrawn;  // frames still to come
  if (c && k !== null) c.want = k;
}
