// The live page's charts, drawn with the bundled uPlot (served by the engine: no internet needed).
'use strict';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function chartWidth(figure) { return Math.max(300, figure.clientWidth - 20); }

// A time-series chart in a figure: series is [{label, scale?}], scales optional uPlot scales.
function timeChart(figureId, series, scales, axes) {
  const figure = document.getElementById(figureId);
  const opts = {
    width: chartWidth(figure), height: 220,
    scales: Object.assign({x: {time: true}}, scales || {}),
    series: [{}].concat(series.map((s, i) => Object.assign({stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false}, s))),
    axes: axes || [{}, {size: 70}],
    legend: {live: false},
  };
  return new uPlot(opts, [[]].concat(series.map(() => [])), figure);
}

// log10(1 / (1 - p)): 0 at 0%, 1 at 90%, 2 at 99%, ... as in HdrHistogram's plots and the bench's SVG.
function nines(percentile) { return Math.log10(1 / (1 - percentile / 100)); }

function ninesLabel(n) {
  if (Math.abs(n - nines(50)) < 1e-6) return '50%';
  if (n === 0) return '0%';
  if (n === 1) return '90%';
  return '99.' + '9'.repeat(Math.max(0, n - 2)) + '%';
}

// The latency-by-percentile chart: log latency against the nines of the percentile.
function distributionChart(figureId) {
  const figure = document.getElementById(figureId);
  const opts = {
    width: chartWidth(figure), height: 220,
    scales: {x: {time: false, range: (u, min, max) => [0, Math.max(2, Math.ceil(max))]}, y: {distr: 3}},
    series: [{label: 'percentile', value: (u, v) => v == null ? '–' : (100 * (1 - Math.pow(10, -v))).toFixed(3) + '%'},
             {label: 'latency µs', stroke: COLOURS[0], width: 1.8}],
    axes: [
      {splits: (u, i, min, max) => [0, nines(50)].concat(Array.from({length: Math.floor(max)}, (_, k) => k + 1)),
       values: (u, splits) => splits.map(ninesLabel)},
      {size: 70}],
    legend: {live: false},
  };
  return new uPlot(opts, [[], []], figure);
}

window.addEventListener('resize', () => {
  document.querySelectorAll('figure').forEach(figure => {
    if (figure.chart) figure.chart.setSize({width: chartWidth(figure), height: 220});
  });
});
