// The engine page: its queries, active and recently terminated, as /api/events pushes them.
'use strict';

function link(run) {
  return el('a', {href: '/queries/' + run.runId}, run.name || run.id);
}

function activeRow(run) {
  const p = run.lastProgress;
  return el('tr', {'data-run-id': run.runId},
    el('td', {}, link(run)), el('td', {}, el('code', {}, run.id)), el('td', {}, el('code', {}, run.runId)),
    el('td', {}, run.trigger), el('td', {'data-field': 'status'}, run.status.message), el('td', {}, fmt.time(run.startedAt)),
    el('td', {class: 'num'}, p ? fmt.count(p.inputRowsPerSecond) : null),
    el('td', {class: 'num'}, p ? fmt.count(p.processedRowsPerSecond) : null),
    el('td', {class: 'num'}, p ? fmt.micros(p.latency.p99Us) : null),
    el('td', {class: 'num'}, p ? commitId(p) : null));
}

function terminatedRow(run) {
  return el('tr', {'data-run-id': run.runId},
    el('td', {}, link(run)), el('td', {}, el('code', {}, run.id)), el('td', {}, el('code', {}, run.runId)),
    el('td', {}, run.trigger), el('td', {'data-field': 'status'}, run.status.message), el('td', {}, fmt.time(run.startedAt)),
    el('td', {}, fmt.time(run.terminatedAt)), el('td', {class: 'error'}, run.exception || ''));
}

function fill(tableId, rows, empty) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', {colspan: 10, class: 'note'}, empty))]));
}

liveStream('/api/events', runs => {
  fill('active', runs.filter(r => r.active).reverse().map(activeRow), 'No query is running.');
  fill('terminated', runs.filter(r => !r.active).reverse().map(terminatedRow), 'None yet.');
  document.body.dataset.updates = Number(document.body.dataset.updates) + 1;
});
