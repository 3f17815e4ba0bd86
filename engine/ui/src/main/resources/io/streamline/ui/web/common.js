// Shared by the live pages: formatting and the Server-Sent Events connection.
'use strict';

const fmt = {
  // Whole numbers with thousands separators, e.g. 100,012.
  count(n) { return n == null ? '–' : Math.round(n).toLocaleString('en-US'); },
  // Latencies in microseconds with one decimal, e.g. 1,234.5 µs.
  micros(us) {
    return us == null ? '–' : us.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1}) + ' µs';
  },
  millis(ms) { return ms == null ? '–' : ms.toLocaleString('en-US') + ' ms'; },
  bytes(b) {
    if (b == null) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return (i === 0 ? b : b.toFixed(1)) + ' ' + units[i];
  },
  time(iso) { return iso ? new Date(iso).toLocaleTimeString('en-GB') : '–'; },
  seconds(s) { return s == null ? '–' : s.toLocaleString('en-US', {maximumFractionDigits: 3}) + ' s'; },
};

// The epoch (continuous) or batch (micro-batch) id of a progress report.
function commitId(report) { return report.batchId != null ? report.batchId : report.epochId; }

function text(id, value) {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '–' : String(c))));
  return node;
}

// Opens an event stream; onUpdate gets each parsed update. The browser reconnects by itself.
function liveStream(url, onUpdate) {
  const status = document.getElementById('connection');
  const source = new EventSource(url);
  source.onopen = () => { status.textContent = 'live'; status.className = 'pill live'; };
  source.onerror = () => { status.textContent = 'reconnecting'; status.className = 'pill lost'; };
  source.addEventListener('update', event => onUpdate(JSON.parse(event.data)));
  return source;
}
