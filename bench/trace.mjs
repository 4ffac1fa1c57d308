// cargo xtask bench trace [ROUTE]: where a first visit's main-thread time goes, from a
// Chromium performance trace. The page loads with a cold cache and the CPU slowed 4×
// (as in Lighthouse's mobile preset), several times; for every long task (over 50 ms,
// the ones total blocking time counts) the trace's events are sorted into parts by
// their own (self) time: HTML parsing, script compile, wasm compile and instantiation,
// running JavaScript and wasm (the app's start and takeover), style and layout, paint,
// garbage collection. Prints medians per part, to find the largest one to cut.
// KOERS_BENCH_RUNS sets the number of runs (default 5); KOERS_TRACE_NAMES=1 also
// lists each part's trace events by name; KOERS_TRACE_DUMP=1 prints, for each task
// over 40 ms that no app mark names, the time of its events by name.

import { serve, dist, launch } from '../tests/e2e/support.mjs';

const route = process.argv[2] || '/heusden-zolder/visie';
const runs = Number(process.env.KOERS_BENCH_RUNS || 5);
const LONG_TASK_MS = 50;

const categories = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm',
  'disabled-by-default-v8.compile', 'blink.user_timing', 'loading',
];

/// The part of the start an event's own time belongs to. Wasm runs inside the
/// JavaScript call or microtask that entered it (it has no events of its own), so the
/// app's start and takeover count as "JavaScript and wasm running".
function part(event) {
  const n = event.name;
  if ((/wasm/i.test(n) && /compil|stream|module|tier|lazy|validat|baseline/i.test(n)) || n === 'FlushInstructionCache') return 'wasm compile';
  if (/wasm/i.test(n) && /instantiat/i.test(n)) return 'wasm instantiate';
  if (/^V8\.(Parse|PreParse|Compile|FinalizeBaseline)|^v8\.compile|CompileScript|CompileCode|CompileIgnition|CollectSourcePositions/i.test(n)) return 'script parse and compile';
  if (/FunctionCall|EvaluateScript|^v8\.run|v8\.callFunction|RunMicrotasks|MicrotaskCheckpoint|TimerFire|EventDispatch|FireAnimationFrame|v8\.evaluateModule|V8\.Execute/.test(n)) return 'JavaScript and wasm running';
  if (/GC|Sweep|Scavenge|Mark|GrowMemory/.test(n)) return 'memory (GC, growth)';
  if (/^(UpdateLayoutTree|RecalculateStyles|Layout|HitTest|IntersectionObserverController|UpdateLayer|ScheduleStyleRecalculation|InvalidateLayout)/.test(n)) return 'style and layout';
  if (/^(Paint|PrePaint|Commit|Layerize|CompositeLayers|RasterTask|Decode|ImageDecodeTask|PaintImage)/.test(n)) return 'paint';
  if (/ParseHTML|ParseAuthorStyleSheet|DocumentLoader|NavigationBodyLoader|DocumentParser|CommitLoad|LocalWindowProxy|ContextCreated|v8\.newInstance/.test(n)) return 'loading and parsing the document';
  return 'task and message handling';
}

async function traceOnce(url) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    // Wait from here, not in the page: Playwright's own script, injected for an
    // evaluation, would be parsed and compiled inside the trace.
    await new Promise((r) => setTimeout(r, 4000));
    await cdp.send('Tracing.end');
    await complete;
    if (!(await page.evaluate(() => window.wasmBindings !== undefined))) {
      throw new Error(`${url}: the app had not started within 4 s of the load`);
    }
    return analyse(events);
  } finally {
    await browser.close();
  }
}

function analyse(events) {
  const threadName = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  // The page's renderer main thread: the one with the most top-level task time.
  const busy = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && threadName.get(key) === 'CrRendererMain') {
      busy.set(key, (busy.get(key) ?? 0) + e.dur);
    }
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const fcp = Math.min(...events.filter((e) => e.name === 'firstContentfulPaint').map((e) => e.ts));
  const onMain = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const long = onMain.filter((e) => e.name === 'RunTask' && e.dur / 1000 > LONG_TASK_MS);
  const result = { before: summary(long.filter((t) => t.ts + t.dur <= fcp), onMain, -Infinity) };
  result.after = summary(long.filter((t) => t.ts + t.dur > fcp), onMain, fcp);
  result.fcp = Number.isFinite(fcp) ? (fcp - Math.min(...onMain.map((e) => e.ts))) / 1000 : NaN;
  // Every task after the paint, long or not: a takeover in steps shows here.
  const after = onMain.filter((e) => e.name === 'RunTask' && e.ts + e.dur > fcp);
  const tasks = after.map((e) => e.dur / 1000);
  result.longestAfter = Math.max(0, ...tasks);
  // Each task over 10 ms, named by the app's first `performance.mark` in it ("koers:
  // …"), else by its longest event inside: which step of the takeover it is.
  const marks = events.filter((e) => `${e.pid}:${e.tid}` === main && /user_timing/.test(e.cat ?? '') && e.name.startsWith('koers:'));
  result.over10After = after.filter((t) => t.dur / 1000 > 10).map((t) => {
    const mark = marks.find((m) => m.ts >= t.ts && m.ts <= t.ts + t.dur);
    const largest = Object.entries(summary([t], onMain, -Infinity).parts).sort((a, b) => b[1] - a[1])[0];
    if (process.env.KOERS_TRACE_DUMP && t.dur > 40000 && !mark) {
      const byName = {};
      for (const e of onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur)) byName[e.name] = (byName[e.name] ?? 0) + e.dur / 1000;
      console.error(Math.round(t.dur / 1000), JSON.stringify(Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, ms]) => `${n} ${Math.round(ms)}`)));
    }
    const inside = marks.filter((m) => m.ts >= t.ts && m.ts <= t.ts + t.dur);
    const steps = inside.length > 1 ? `: ${inside.map((m) => `${m.name.replace('koers: ', '')} @${Math.round((m.ts - t.ts) / 1000)}`).join(', ')}` : '';
    return `${Math.round(t.dur / 1000)} (${mark ? mark.name.replace('koers: ', '') : largest?.[0] ?? '?'}${steps})`;
  });
  return result;
}

/// The long tasks' count, longest, blocking time (as total blocking time counts it:
/// the part of each task after `from` that exceeds 50 ms) and self time by part.
function summary(tasks, onMain, from) {
  const parts = {};
  let blocking = 0;
  let longest = 0;
  for (const task of tasks) {
    const ms = task.dur / 1000;
    const counted = (task.ts + task.dur - Math.max(task.ts, from)) / 1000;
    blocking += Math.max(0, counted - LONG_TASK_MS);
    longest = Math.max(longest, ms);
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    // Self time: an event's duration less its direct children's.
    const stack = [];
    const self = new Map();
    for (const e of inside) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(parent, (self.get(parent) ?? parent.dur) - e.dur);
      self.set(e, self.get(e) ?? e.dur);
      stack.push(e);
    }
    let covered = 0;
    for (const [e, t] of self) {
      if (process.env.KOERS_TRACE_NAMES) parts[`${part(e)}: ${e.name}`] = (parts[`${part(e)}: ${e.name}`] ?? 0) + Math.max(0, t) / 1000;
      parts[part(e)] = (parts[part(e)] ?? 0) + Math.max(0, t) / 1000;
      covered += Math.max(0, t);
    }
    parts['task overhead'] = (parts['task overhead'] ?? 0) + Math.max(0, task.dur - covered) / 1000;
  }
  return { tasks: tasks.length, longest, blocking, parts };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serve(dist);
const samples = [];
try {
  for (let i = 0; i < runs; i++) {
    samples.push(await traceOnce(`${server.origin}${route}`));
    process.stderr.write(`trace ${i + 1}/${runs} done; tasks after the first contentful paint over 10 ms: ${samples.at(-1).over10After.join(', ')} ms\n`);
  }
} finally {
  await server.close();
}

console.log(`Koers trace, ${route}: first visit, cold cache, CPU slowed 4×, 412×823, medians of ${runs} runs`);
console.log(`First contentful paint ${Math.round(median(samples.map((s) => s.fcp)))} ms after the first task on the page's thread.`);
console.log(`Longest task after it, long or not: ${Math.round(median(samples.map((s) => s.longestAfter)))} ms.\n`);
for (const [when, label] of [['before', 'before the first contentful paint (loading the page; a static page has these too)'], ['after', 'after the first contentful paint (what total blocking time counts)']]) {
  const of = samples.map((s) => s[when]);
  const names = [...new Set(of.flatMap((s) => Object.keys(s.parts)))];
  const rows = names.map((n) => [n, median(of.map((s) => s.parts[n] ?? 0))]).sort((a, b) => b[1] - a[1]);
  console.log(`Long tasks (over ${LONG_TASK_MS} ms) ${label}: ${median(of.map((s) => s.tasks))}; longest ${Math.round(median(of.map((s) => s.longest)))} ms; blocking time ${Math.round(median(of.map((s) => s.blocking)))} ms\n`);
  console.log('| part of these long tasks | ms (median) |');
  console.log('| --- | ---: |');
  for (const [n, ms] of rows) if (ms >= 0.5) console.log(`| ${n} | ${Math.round(ms)} |`);
  console.log('');
}
