// One query's live page: the update stream of /api/queries/{id}/events, drawn as cards, charts and tables.
// Fields read from each progress report (see engine/ui/README.md): timestamp, batchId/epochId, numInputRows,
// inputRowsPerSecond, processedRowsPerSecond, durationMs, latency.{p50Us,p99Us,p999Us,maxUs,count},
// stateOperators[].{operatorName,numRowsTotal,numRowsUpdated,numRowsRemoved,numRowsDroppedByWatermark,memoryUsedBytes}, sources[].{description,startOffset,endOffset,
// numInputRows,inputRowsPerSecond,metrics}, sink.description, and when present eventTime.{watermark,max},
// sources[].metrics.maxOffsetsBehindLatest and sources[].metrics.offsetsBehindLatestByPartition.
'use strict';

const MAX_REPORTS = 1800;
const TIMELINE_ROWS = 12;
const queryId = decodeURIComponent(location.pathname.split('/').pop());
const reports = [];
const charts = {};

function seconds(report) { return Date.parse(report.timestamp) / 1000; }
function commitMs(report) {
  const d = report.durationMs || {};
  return d.commit != null ? d.commit : d.triggerExecution;
}
// A log scale cannot show zero: an epoch without records has no latency to plot.
function positive(v) { return v > 0 ? v : null; }
function instant(iso) { const t = Date.parse(iso); return isNaN(t) ? null : t / 1000; }

// A report's lag per partition: [{source, topic, partition, behind}] from each source's
// metrics.offsetsBehindLatestByPartition, offset JSON in a string ({"topic":{"0":12,"1":0}}).
function partitionLags(report) {
  return (report.sources || []).flatMap(s => {
    const text = s.metrics && s.metrics.offsetsBehindLatestByPartition;
    let topics;
    try { topics = text ? JSON.parse(text) : {}; } catch (notJson) { topics = {}; }
    return Object.entries(topics).flatMap(([topic, partitions]) => Object.entries(partitions)
      .map(([partition, behind]) => ({source: s.description, topic: topic, partition: partition, behind: Number(behind)})));
  });
}
function partitionKey(lag) { return lag.source + '\u0000' + lag.topic + '-' + lag.partition; }

function field(name, value) {
  document.querySelectorAll('[data-field="' + name + '"]').forEach(e => { e.textContent = value; });
}

function showSummary(q) {
  text('title', q.name || q.id);
  document.title = 'streamline: ' + (q.name || q.id);
  field('status', q.status.message);
  field('trigger', q.trigger || '–');
  field('id', q.id);
  field('runId', q.runId);
  field('startedAt', fmt.time(q.startedAt));
  field('terminatedAt', q.terminatedAt ? fmt.time(q.terminatedAt) : 'running');
  field('exception', q.exception || '');
  document.body.dataset.active = q.active;
}

function showCards(p) {
  text('commit-label', p.batchId != null ? 'Last batch' : 'Last epoch');
  field('commitId', commitId(p));
  field('inputRowsPerSecond', fmt.count(p.inputRowsPerSecond));
  field('processedRowsPerSecond', fmt.count(p.processedRowsPerSecond));
  field('numInputRows', fmt.count(p.numInputRows));
  field('commitMs', fmt.millis(commitMs(p)));
  field('p50Us', fmt.micros(p.latency.p50Us));
  field('p99Us', fmt.micros(p.latency.p99Us));
  field('p999Us', fmt.micros(p.latency.p999Us));
  field('maxUs', fmt.micros(p.latency.maxUs));
  field('sink', p.sink ? p.sink.description : '–');
}

function chart(id, make) {
  if (!charts[id]) {
    const empty = document.querySelector('#' + id + ' .empty');
    if (empty) empty.remove();
    charts[id] = make();
    document.getElementById(id).chart = charts[id];
  }
  return charts[id];
}

// Series keyed by name (operators, sources): the chart is made again when a new name appears.
function keyedChart(id, names, scaleLabel, labelOf) {
  const key = names.join('\u0000');
  if (charts[id] && charts[id].keys !== key) {
    charts[id].destroy();
    delete charts[id];
  }
  const label = labelOf || (n => n);
  const c = chart(id, () => timeChart(id, names.map(n => ({label: label(n)})), null, [{}, {size: 70, label: scaleLabel}]));
  c.keys = key;
  return c;
}

function drawCharts() {
  const t = reports.map(seconds);
  const rates = chart('chart-rates', () => timeChart('chart-rates', [{label: 'input rows/s'}, {label: 'processed rows/s'}]));
  rates.setData([t, reports.map(r => r.inputRowsPerSecond), reports.map(r => r.processedRowsPerSecond)]);
  document.getElementById('chart-rates').dataset.points = t.length;

  const commits = chart('chart-commits', () => timeChart('chart-commits',
    [{label: 'commit ms', paths: uPlot.paths.bars({size: [0.8, 12]}), fill: COLOURS[0] + '66'}]));
  commits.setData([t, reports.map(commitMs)]);

  const latency = chart('chart-latency', () => timeChart('chart-latency',
    [{label: 'p50'}, {label: 'p99'}, {label: 'p99.9'}, {label: 'max'}], {y: {distr: 3}}));
  latency.setData([t, reports.map(r => positive(r.latency.p50Us)), reports.map(r => positive(r.latency.p99Us)),
    reports.map(r => positive(r.latency.p999Us)), reports.map(r => positive(r.latency.maxUs))]);

  if (reports.some(r => r.eventTime && r.eventTime.watermark)) {
    const lag = chart('chart-eventtime', () => timeChart('chart-eventtime',
      [{label: 'watermark lag s'}, {label: 'event-time lag s (max event time)'}]));
    lag.setData([t,
      reports.map(r => r.eventTime && instant(r.eventTime.watermark) != null ? seconds(r) - instant(r.eventTime.watermark) : null),
      reports.map(r => r.eventTime && instant(r.eventTime.max) != null ? seconds(r) - instant(r.eventTime.max) : null)]);
  }

  const operators = [...new Set(reports.flatMap(r => (r.stateOperators || []).map(s => s.operatorName)))];
  if (operators.length) {
    const state = keyedChart('chart-state', operators, 'rows');
    state.setData([t].concat(operators.map(op => reports.map(r => {
      const s = (r.stateOperators || []).find(x => x.operatorName === op);
      return s ? s.numRowsTotal : null;
    }))));
  }

  const lagging = [...new Set(reports.flatMap(r => (r.sources || [])
    .filter(s => s.metrics && s.metrics.maxOffsetsBehindLatest != null).map(s => s.description)))];
  if (lagging.length) {
    const lag = keyedChart('chart-lag', lagging, 'records');
    lag.setData([t].concat(lagging.map(d => reports.map(r => {
      const s = (r.sources || []).find(x => x.description === d);
      return s && s.metrics && s.metrics.maxOffsetsBehindLatest != null ? Number(s.metrics.maxOffsetsBehindLatest) : null;
    }))));
  }

  const lags = reports.map(r => new Map(partitionLags(r).map(l => [partitionKey(l), l.behind])));
  const partitions = [...new Set(lags.flatMap(m => [...m.keys()]))].sort();
  if (partitions.length) {
    // labelled topic-partition, with the source's description when several sources report
    const several = new Set(partitions.map(k => k.split('\u0000')[0])).size > 1;
    const c = keyedChart('chart-partition-lag', partitions, 'records',
      k => several ? k.split('\u0000')[1] + ' (' + k.split('\u0000')[0] + ')' : k.split('\u0000')[1]);
    c.setData([t].concat(partitions.map(k => lags.map(m => m.has(k) ? m.get(k) : null))));
  }
}

function drawDistribution(latency) {
  const steps = latency.percentiles.filter(s => s[0] < 100);
  const c = chart('chart-distribution', () => distributionChart('chart-distribution'));
  c.setData([steps.map(s => nines(s[0])), steps.map(s => positive(s[1]))]);
  text('distribution-caption', 'Latency by percentile, ' + (reports.length && reports[reports.length - 1].batchId != null
    ? 'batch ' : 'epoch ') + latency.commitId + ' (' + fmt.count(latency.count) + ' records; µs, log scale)');
  document.getElementById('chart-distribution').dataset.commitId = latency.commitId;
}

function drawTables(p) {
  const recent = reports.slice(-TIMELINE_ROWS).reverse();
  document.querySelector('#timeline tbody').replaceChildren(...recent.map(r => el('tr', {},
    el('td', {class: 'num'}, commitId(r)), el('td', {}, fmt.time(r.timestamp)), el('td', {class: 'num'}, fmt.count(r.numInputRows)),
    el('td', {class: 'num'}, fmt.count(r.inputRowsPerSecond)), el('td', {class: 'num'}, fmt.count(r.processedRowsPerSecond)),
    el('td', {}, Object.entries(r.durationMs || {}).map(([k, v]) => k + ' ' + v).join(', ')),
    el('td', {class: 'num'}, fmt.micros(r.latency.p50Us)), el('td', {class: 'num'}, fmt.micros(r.latency.p99Us)),
    el('td', {class: 'num'}, fmt.micros(r.latency.maxUs)))));
  const state = p.stateOperators || [];
  document.querySelector('#state tbody').replaceChildren(...(state.length ? state.map(s => el('tr', {},
    el('td', {}, s.operatorName), el('td', {class: 'num'}, fmt.count(s.numRowsTotal)),
    el('td', {class: 'num'}, fmt.count(s.numRowsUpdated)), el('td', {class: 'num'}, fmt.count(s.numRowsRemoved)),
    el('td', {class: 'num'}, fmt.count(s.numRowsDroppedByWatermark)), el('td', {class: 'num'}, fmt.bytes(s.memoryUsedBytes))))
    : [el('tr', {}, el('td', {colspan: 6, class: 'note'}, 'No stateful operator.'))]));
  document.querySelector('#sources tbody').replaceChildren(...(p.sources || []).map(s => el('tr', {},
    el('td', {}, s.description), el('td', {}, el('code', {}, s.startOffset)), el('td', {}, el('code', {}, s.endOffset)),
    el('td', {class: 'num'}, fmt.count(s.numInputRows)), el('td', {class: 'num'}, fmt.count(s.inputRowsPerSecond)),
    el('td', {}, Object.entries(s.metrics || {}).map(([k, v]) => k + ' = ' + v).join(', ') || '–'))));
  const lags = partitionLags(p);
  document.querySelector('#partition-lag tbody').replaceChildren(...(lags.length ? lags.map(l =>
    el('tr', {'data-topic': l.topic, 'data-partition': l.partition}, el('td', {}, l.source), el('td', {}, l.topic),
      el('td', {class: 'num'}, l.partition), el('td', {class: 'num'}, fmt.count(l.behind))))
    : [el('tr', {}, el('td', {colspan: 4, class: 'note'}, 'No source reports its lag per partition.'))]));
}

function onUpdate(update) {
  showSummary(update.query);
  const known = reports.length ? commitId(reports[reports.length - 1]) : -1;
  update.progress.filter(r => commitId(r) > known).forEach(r => reports.push(r));
  reports.splice(0, Math.max(0, reports.length - MAX_REPORTS));
  if (reports.length) {
    const last = reports[reports.length - 1];
    showCards(last);
    drawCharts();
    drawTables(last);
  }
  if (update.latency && update.latency.count > 0) drawDistribution(update.latency);
  document.body.dataset.updates = Number(document.body.dataset.updates) + 1;
}

document.getElementById('api-link').href = '/api/queries/' + queryId;
document.getElementById('progress-link').href = '/api/queries/' + queryId + '/progress';
fetch('/api/queries/' + queryId).then(r => r.json()).then(q => {
  if (q.error) { field('status', q.error); return; }
  showSummary(q);
  text('plan', q.plan || 'The plan is not known (the query ended before the page learnt of it).');
  liveStream('/api/queries/' + queryId + '/events', onUpdate);
});
