// The sample's x and y sliders as one element (ui/data_sliders.py): native range inputs, so the
// keyboard, screen readers and touch work as with any slider. The value is sent when a move ends
// ('change': mouse or touch released, or a key pressed), like st.slider.
const CSS = `
.bpx-sliders-group { display: grid; grid-template-columns: repeat(var(--bpx-cols, 3), minmax(0, 1fr));
  gap: 2px 14px; padding: 2px 0 6px 0; font-family: var(--st-font, "Source Sans Pro", sans-serif); }
.bpx-sl { display: flex; flex-direction: column; min-width: 0; }
.bpx-sl-head { display: flex; justify-content: space-between; align-items: baseline; gap: 4px;
  font-size: 14px; color: var(--st-text-color, #31333f); line-height: 1.6; }
.bpx-sl-val { font-variant-numeric: tabular-nums; color: var(--st-primary-color, #ff4b4b); font-size: 13px; }
.bpx-sl input[type=range] { width: 100%; margin: 2px 0 4px 0; accent-color: var(--st-primary-color, #ff4b4b);
  cursor: pointer; }
.bpx-sl input[type=range]:focus-visible { outline: 2px solid var(--st-primary-color, #ff4b4b); outline-offset: 2px;
  border-radius: 6px; }
.bpx-sl-ends { display: flex; justify-content: space-between; font-size: 11px; color: #808495;
  font-variant-numeric: tabular-nums; margin-top: -4px; }
`;

// The step's decimals (0.80), or more when a link or file gave a finer value (−0.123).
function fmt(v, step) {
  const digits = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  const fine = String(Number(Number(v).toFixed(6)));
  const s = (fine.split('.')[1] || '').length > digits ? fine : Number(v).toFixed(digits);
  return s.replace(/^-/, '−');
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!data) return;
  if (!document.getElementById('bpx-sliders-css')) {
    const st = document.createElement('style');
    st.id = 'bpx-sliders-css';
    st.textContent = CSS;
    document.head.appendChild(st);
  }
  const root = parentElement.querySelector('.bpx-sliders');
  const sig = JSON.stringify([data.cols, data.groups.map(g => [g.name, g.labels, g.lo, g.hi, g.step])]);
  if (root.__sig !== sig) {  // new layout: build the sliders once, then only move them
    root.__sig = sig;
    root.innerHTML = '';
    for (const g of data.groups) {  // each group (x, then y) starts a new row
      const grid = document.createElement('div');
      grid.className = 'bpx-sliders-group';
      grid.style.setProperty('--bpx-cols', String(Math.min(data.cols || 3, g.labels.length)));
      root.appendChild(grid);
      g.labels.forEach((label, k) => {
        const box = document.createElement('div');
        box.className = 'bpx-sl';
        box.innerHTML = '<div class="bpx-sl-head"><span class="bpx-sl-label"></span><span class="bpx-sl-val"></span></div>' +
          '<input type="range"><div class="bpx-sl-ends"><span></span><span></span></div>';
        box.querySelector('.bpx-sl-label').textContent = label;
        const input = box.querySelector('input');
        Object.assign(input, {min: g.lo, max: g.hi, step: g.step});
        input.setAttribute('aria-label', label);
        input.dataset.group = g.name;
        input.dataset.index = k;
        const ends = box.querySelectorAll('.bpx-sl-ends span');
        ends[0].textContent = fmt(g.lo, 1);
        ends[1].textContent = fmt(g.hi, 1);
        const show = () => { box.querySelector('.bpx-sl-val').textContent = fmt(input.value, g.step); };
        input.addEventListener('input', show);
        input.addEventListener('change', () => {
          show();
          // only the moved slider takes its (step-snapped) position: the others keep their exact values
          root.__values[g.name][k] = +input.value;
          root.__values.seq = root.__seq = (root.__seq || 0) + 1;  // the server renders back the last one it took
          // the explorer's chart asks for its new picture at once (ui/live_chart.js: preview); the rerun is asked for
          // once that picture is drawn (or not coming), so its run does not hold up the picture, on the server or
          // here. Each press's send sends the newest values, once; an older press's send after a newer one, nothing.
          const send = () => {
            if ((root.__sentSeq || 0) >= root.__seq) return;
            root.__sentSeq = root.__seq;
            setStateValue('values', JSON.parse(JSON.stringify(root.__values)));
          };
          const detail = {x: root.__values.x, y: root.__values.y, then: send, taken: false};
          document.dispatchEvent(new CustomEvent('bpx-sample', {detail}));
          if (detail.taken) setTimeout(send, 400); else send();
        });
        grid.appendChild(box);
      });
    }
  }
  // the server's values (a link, a file or another page may have set them), unless it has not yet taken the
  // student's last press (a run that started before it): then the student's values stay, to be sent
  if ((data.seq || 0) < (root.__seq || 0)) return;
  root.__values = {seq: data.seq || 0};
  for (const g of data.groups) {
    root.__values[g.name] = g.values.slice();
    g.values.forEach((v, k) => {
      const input = root.querySelector(`input[data-group="${g.name}"][data-index="${k}"]`);
      if (!input || document.activeElement === input) return;  // not under the student's hand
      input.value = v;
      input.parentElement.querySelector('.bpx-sl-val').textContent = fmt(v, g.step);
    });
  }
}
