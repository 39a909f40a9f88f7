/**
 * Loaded into the measured server (`node --import ./scripts/measure-lag.mjs build`) by
 * scripts/measure-rebuild.ts: a timer that should tick every 2 ms notes each time the thread kept it
 * waiting, so every stretch the thread was busy without answering anything (a request, a slice of a
 * rebuild, a garbage collection) is seen, whatever ran. Writes `[lag] <epoch ms> <ms>` for each stretch
 * over 20 ms, on standard error. Worker threads inherit the option: they load this file too, and measure
 * nothing (their builds are meant to hold their own thread).
 */
import { isMainThread } from 'node:worker_threads';

const EVERY_MS = 2;
const REPORT_MS = 20;
let last = performance.now();
if (isMainThread)
	setInterval(() => {
		const now = performance.now();
		const gap = now - last - EVERY_MS;
		last = now;
		if (gap > REPORT_MS) process.stderr.write(`[lag] ${Date.now()} ${Math.round(gap)}\n`);
	}, EVERY_MS).unref();
