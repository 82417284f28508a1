// The offline lesson's player (viz/offline.py). One step at a time: its explorer figure drawn by plotly.js,
// the figure's colour bars, Play/Pause and frame slider as a little HTML around the plot, the moment's
// equations typeset by KaTeX as MathML (the browser draws it: no fonts to load), the teacher's note.
// Preparing the figure, the bars, the controls' labels, a frame's relayout and the equation panel are
// ui/chart_core.js's (viz/offline.py inlines it before this script; the app's live chart reads the figure the
// same way); the lesson's steps, the address's #step=..&frame=.. and typesetting as MathML are this page's own.
(() => {
  'use strict';
  const lesson = JSON.parse(document.getElementById('bpx-lesson').textContent);
  const S = lesson.strings, N = lesson.steps.length;
  const $ = sel => document.querySelector(sel);
  const gd = $('.bpx-plot'), wrap = $('.bpx-plotwrap');
  const bar = () => { const b = document.createElement('div'); b.className = 'bpx-cb'; wrap.appendChild(b); return b; };
  const c = {
    play: $('.bpx-play'), pause: $('.bpx-pause'), range: $('.bpx-range'), label: $('.bpx-frame'),
    prev: $('.bpx-prev'), next: $('.bpx-next'), anim: $('.bpx-anim'), health: $('.bpx-health'), eq: $('.bpx-eq'),
    bars: {left: bar(), right: bar()}, steps: [], prefix: '', playing: false, step: 0, meta: {}, least: 400,
    // chart_core's hooks: the place in the lesson, KaTeX inlined in the page, the bars read this frame's meta
    showFrame, katex: () => window.katex, typeset, barMeta: () => c.meta,
  };
  const nav = {prev: $('.bpx-step-prev'), next: $('.bpx-step-next'), count: $('.bpx-step-count')};

  // ---- the moves: a frame, the next or previous one (across steps), Play and Pause ----
  let queue = Promise.resolve();  // one move at a time: a clicker's quick presses each land on their own frame
  const act = f => { queue = queue.then(f).catch(() => {}); return queue; };
  const last = () => c.steps.length - 1;

  function go(k) {  // show frame k of this step (clamped), as the frame slider does
    k = Math.max(0, Math.min(last(), k));
    const s = c.steps[k];
    if (!s) return Promise.resolve();
    c.playing = false;
    showFrame(k);
    return Plotly.animate(gd, s.args[0], s.args[1]).catch(() => {});
  }
  function forward() {  // →, PageDown, Next: the next frame; at a step's last frame, the next step's first
    const k = +c.range.value;
    if (k < last()) return go(k + 1);
    if (c.step < N - 1) return openStep(c.step + 1, 0);
  }
  function back() {  // ←, PageUp, Previous: the frame before; at a step's first frame, the previous step's last
    const k = +c.range.value;
    if (k > 0) return go(k - 1);
    if (c.step > 0) return openStep(c.step - 1, 'last');
  }
  const play = () => playFrames(gd, c), pause = () => pauseFrames(gd, c);
  c.play.onclick = () => act(play);
  c.pause.onclick = () => act(pause);
  c.prev.onclick = () => act(back);
  c.next.onclick = () => act(forward);
  c.range.oninput = () => { const k = +c.range.value; act(() => go(k)); };
  if (nav.prev) nav.prev.onclick = () => act(() => c.step > 0 && openStep(c.step - 1, 0));
  if (nav.next) nav.next.onclick = () => act(() => c.step < N - 1 && openStep(c.step + 1, 0));

  // A lecturer's keys (chart_core's KEYS; at a step's ends → and ← go on to the next or previous step). They work
  // wherever the focus is (a button just clicked, the slider) except in a text field.
  const typing = t => t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
                            (t.tagName === 'INPUT' && t.type !== 'range'));
  document.addEventListener('keydown', e => {
    const a = lecturerKey(e, typing);
    if (a === undefined) return;
    e.preventDefault();  // no scrolling, no slider moving by itself, no button pressed by Space
    if (a === 'toggle') act(() => (c.playing ? pause() : play()));
    else if (a === 'first') act(() => go(0));
    else if (a === 'last') act(() => go(last()));
    else act(a > 0 ? forward : back);
  });
  document.addEventListener('keyup', e => { if (e.key === ' ' && !typing(e.target)) e.preventDefault(); });

  // ---- a step: its title, note and figure ----
  function openStep(s, at) {
    c.step = s;
    const st = lesson.steps[s];
    if (nav.count) nav.count.textContent = S.off_step_of.replace('{k}', s + 1).replace('{n}', N);
    if (nav.prev) nav.prev.disabled = s <= 0;
    if (nav.next) nav.next.disabled = s >= N - 1;
    $('.bpx-step-title').textContent = st.title && st.title !== lesson.title ? st.title : '';
    $('.bpx-note').textContent = st.note || '';
    document.title = N > 1 ? `${lesson.title} · ${nav.count.textContent}` : lesson.title;
    return draw(st.figure).then(() => go(at === 'last' ? last() : at));
  }

  function draw(source) {
    const fig = typeof structuredClone === 'function' ? structuredClone(source) : JSON.parse(JSON.stringify(source));
    const {data, layout, slider, menu, font, meta} = pageFigure(c, fig, false);
    hideFrameScales(fig.frames || []);
    c.least = layout.height || 450;
    if (!slider) {  // no frames to step through (readControls reads the slider and buttons a figure has)
      Object.assign(c, {steps: [], prefix: ''});
      c.range.max = 0;
      c.range.setAttribute('aria-label', '');
      [c.prev.textContent, c.next.textContent] = meta.nav || ['◀', '▶'];
    }
    if (!menu) [c.play.textContent, c.pause.textContent, c.playArgs, c.pauseArgs] = ['▶', '❚❚', undefined, undefined];
    readControls(c, slider, menu, meta);
    // the figure's font size, larger on a large screen (a projector at 1920 px: the equations read from the back)
    c.anim.style.fontSize = `max(${font}px, 0.9vw)`;
    c.eq.style.fontSize = `max(${font}px, 1.05vw)`;
    for (const b of Object.values(c.bars)) b.style.fontSize = Math.round(font * 0.85) + 'px';
    c.health.textContent = meta.health || '';
    c.meta = meta;
    c.lastAnn = JSON.stringify(layout.annotations || []);
    c.playing = false;
    showMoment(c, meta);
    layout.height = fillHeight();
    gd.style.height = layout.height + 'px';
    const config = {displayModeBar: false};  // resizes: the window's resize listener below
    return Plotly.newPlot(gd, {data, layout, config, frames: fig.frames || []}).then(() => {
      listen();
      drawBars(gd, c);
    });
  }

  // The plot takes the window's height below it (the controls, the health line and the footer stay in
  // view), never less than the figure asked for.
  function fillHeight() {
    const top = wrap.getBoundingClientRect().top + window.scrollY;
    const below = c.anim.offsetHeight + c.health.offsetHeight + $('.bpx-foot').offsetHeight + 28;
    return Math.round(Math.max(c.least, Math.min(1600, window.innerHeight - top - below)));
  }
  let resizing = false;
  window.addEventListener('resize', () => {
    if (resizing || !gd._fullLayout) return;
    resizing = true;
    requestAnimationFrame(() => {
      resizing = false;
      const h = fillHeight();
      gd.style.height = h + 'px';
      // both at once: a relayout of the height alone pins the width plotly had measured before
      Plotly.relayout(gd, {height: h, width: wrap.clientWidth}).catch(() => {});
    });
  });

  // newPlot drops the plot's listeners: these are attached again after each one
  function listen() {
    gd.on('plotly_animatingframe', e => followFrame(gd, c, e));
    gd.on('plotly_afterplot', () => drawBars(gd, c));  // resizes
  }

  function showFrame(k) {
    c.range.value = k;
    c.label.textContent = c.prefix + (c.steps[k] ? c.steps[k].label : '');
    c.prev.disabled = k <= 0 && c.step <= 0;
    c.next.disabled = k >= last() && c.step >= N - 1;
    // the address holds the place (a refresh opens on it); a file's address takes a #fragment
    const hash = `#step=${c.step + 1}&frame=${k + 1}`;
    if (window.location.hash !== hash) try { history.replaceState(null, '', hash); } catch (e) { /* opaque origin */ }
  }

  // ---- the equation panel's formulas (chart_core's showMoment fills the panel), typeset as MathML ----
  function typeset(katex, el, tex) {
    const parts = displays(tex).map(mathml);
    if (parts.length && parts.every(Boolean)) {
      el.innerHTML = parts.join('');
      el.classList.remove('bpx-source');
      alignColumns(el);
      fit(el);
    }
  }
  const mathmlCache = new Map();  // TeX -> MathML markup (null: KaTeX could not), so replaying costs nothing
  function mathml(tex) {
    if (!mathmlCache.has(tex)) {
      let out = null;
      try {
        out = window.katex.renderToString(tex, {displayMode: true, throwOnError: false, strict: 'ignore',
                                                output: 'mathml'});
      } catch (e) { /* shown as source */ }
      // MathML Core draws no mathvariant but normal: \mathbb{R} as the character ℝ itself
      if (out) out = out.replace(/<mi mathvariant="double-struck">([A-Z])<\/mi>/g, (_, ch) => `<mi>${struck(ch)}</mi>`);
      mathmlCache.set(tex, out);
    }
    return mathmlCache.get(tex);
  }
  const STRUCK = {C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ'};
  const struck = ch => STRUCK[ch] || String.fromCodePoint(0x1D538 + ch.charCodeAt(0) - 65);
  // A panel's TeX may stack several displays with \\ outside any group (the update: one per layer); MathML
  // has no line break there, so each becomes a display of its own.
  function displays(tex) {
    const out = [];
    let depth = 0, start = 0;
    for (let i = 0; i < tex.length; i++) {
      const ch = tex[i];
      if (ch === '\\') {
        if (tex.startsWith('\\begin{', i)) depth++;
        else if (tex.startsWith('\\end{', i)) depth--;
        else if (tex[i + 1] === '\\' && depth === 0) {
          out.push(tex.slice(start, i));
          i += 2;
          const skip = /^\s*\[[^\]]*\]/.exec(tex.slice(i));  // the \\[10pt] spacing
          if (skip) i += skip[0].length;
          start = i;
          i--;
          continue;
        }
        i++;  // an escaped character (\{, \}, \\ inside a group) is not a group's edge
      } else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    out.push(tex.slice(start));
    return out.filter(t => t.trim());
  }
  // KaTeX's aligned is a table of columns "right left"; MathML Core (what Chromium draws) has no columnalign and
  // starts every cell's content at its left, so each right-aligned column is padded to its widest cell
  function alignColumns(el) {
    [...el.querySelectorAll('mtable[columnalign^="right left"]')].reverse().forEach(t => {  // inner tables first
      const rows = [...t.children].filter(r => r.localName === 'mtr').map(r => [...r.children]);
      const ncol = Math.max(0, ...rows.map(r => r.length));
      for (let j = 0; j < ncol; j += 2) {
        const col = rows.map(r => r[j]).filter(td => td && td.firstElementChild);
        col.forEach(td => { td.style.paddingLeft = '0'; });
        const widths = col.map(td => td.firstElementChild.getBoundingClientRect().width);
        const widest = Math.max(0, ...widths);
        col.forEach((td, i) => {
          const em = parseFloat(getComputedStyle(td).fontSize) || 16;
          td.style.paddingLeft = ((widest - widths[i]) / em).toFixed(3) + 'em';
        });
      }
    });
  }
  // a display wider than the panel is set smaller (down to 70 %) before it scrolls sideways
  function fit(el) {
    const maths = el.querySelectorAll('math');
    maths.forEach(m => { m.style.fontSize = ''; });
    const w = el.clientWidth, need = el.scrollWidth;
    if (w > 0 && need > w + 1) {
      const base = parseFloat(getComputedStyle(maths[0] || el).fontSize) / parseFloat(getComputedStyle(el).fontSize);
      const size = Math.max(0.7, base * w / need * 0.98);
      maths.forEach(m => { m.style.fontSize = size.toFixed(3) + 'em'; });
    }
  }
  window.addEventListener('resize', () => setTimeout(() => c.eq.querySelectorAll('.bpx-eq-tex').forEach(fit), 50));
  // ---- open where the address says (a refresh), else at the first step's first frame ----
  const m = /^#step=(\d+)&frame=(\d+)$/.exec(window.location.hash);
  const s0 = m ? Math.min(Math.max(+m[1], 1), N) - 1 : 0;
  act(() => openStep(s0, m ? +m[2] - 1 : 0)).then(() => document.body.classList.add('bpx-ready'));
})();
