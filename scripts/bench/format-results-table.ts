import type { SampleSpread } from './measure-interleaved';
import type { ComparisonRow } from './comparison-row';

function formatNumber(value: number, unit: ComparisonRow['unit']): string {
  switch (unit) {
    case 'ms/call':
      return value.toFixed(3);
    case 'chunks/s':
    case 'lines/s':
      return Math.round(value).toLocaleString('en-US');
    case 'bytes':
      return Math.round(value).toLocaleString('en-US');
    default: {
      const unknownUnit: never = unit;
      throw new Error(`Unknown unit ${String(unknownUnit)}`);
    }
  }
}

function formatSpread(spread: SampleSpread, unit: ComparisonRow['unit']): string {
  if (spread.min === spread.max) return formatNumber(spread.median, unit);
  return `${formatNumber(spread.median, unit)} (${formatNumber(spread.min, unit)}–${formatNumber(spread.max, unit)})`;
}

function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}

/** What the ratio means in words, so a reader need not remember which direction is good for each unit. */
function verdict(row: ComparisonRow): string {
  const oursIsBetter = row.betterWhen === 'lower' ? row.ratio < 1 : row.ratio > 1;
  const factor = row.ratio >= 1 ? row.ratio : 1 / row.ratio;
  if (Math.abs(factor - 1) < 0.02) return 'about equal';
  const adjective = (() => {
    switch (row.unit) {
      case 'bytes':
        return oursIsBetter ? 'smaller' : 'larger';
      case 'ms/call':
      case 'chunks/s':
      case 'lines/s':
        return oursIsBetter ? 'faster' : 'slower';
      default: {
        const unknownUnit: never = row.unit;
        throw new Error(`Unknown unit ${String(unknownUnit)}`);
      }
    }
  })();
  return `ours ${factor.toFixed(2)}x ${adjective}`;
}

/** A plain-text table: one row per comparison, medians with (min–max) across the measured rounds. */
export function formatResultsTable(rows: readonly ComparisonRow[]): string {
  const header = ['Benchmark', 'Unit', 'Ours', 'Ours median (min–max)', 'Peer', 'Peer median (min–max)', 'Ours/Peer', 'Paired ratio (min–max)', 'Verdict'];
  const body = rows.map((row) => [
    row.benchmark,
    `${row.unit}, ${row.betterWhen} is better`,
    row.ours.name,
    formatSpread(row.ours.spread, row.unit),
    row.peer.name,
    formatSpread(row.peer.spread, row.unit),
    formatRatio(row.ratio),
    row.pairedRatio === undefined ? '—' : `${row.pairedRatio.min.toFixed(2)}–${row.pairedRatio.max.toFixed(2)}`,
    verdict(row),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
