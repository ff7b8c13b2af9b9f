import type {
	Chart,
	ChartConfiguration,
	ChartType,
	Plugin,
	ScriptableContext,
	TooltipItem
} from 'chart.js';
import type { MatrixDataPoint } from 'chartjs-chart-matrix';

/** How a chart draws its points. */
/** `grouped`: every series' bars side by side (actual beside predicted). */
export type ChartShape =
	'bars' | 'barsAcross' | 'stacked' | 'grouped' | 'doughnut' | 'heatmap' | 'pareto';

export interface ChartColors {
	text: string;
	muted: string;
	grid: string;
	surface: string;
	/** Series colours, in order. */
	series: string[];
}

export interface ChartDrawing {
	shape: ChartShape;
	/** The accessible name of the canvas. */
	label: string;
	/** One label per point. */
	labels: string[];
	series: { name: string; values: number[] }[];
	/** Formats a value of series `s` for ticks and tooltips. */
	format(value: number, s: number): string;
	/** Formats a value of the first series briefly, for the value axis. */
	formatTick(value: number): string;
	/** The Pareto chart's second axis: the line's values (0–100) formatted as percents. */
	formatPercentTick?(value: number): string;
	/** For the heat map: the row (weekday) and column (hour) labels; points are row × column. */
	rows?: string[];
	columns?: string[];
	colors: ChartColors;
	locale: string;
	/** A click on point `index` of series `s`. */
	onPick(index: number, s: number): void;
}

let loading: Promise<typeof Chart> | null = null;
let loaded = false;

/**
 * Chart.js with only the parts the insights draw, loaded on first use so no other route pays
 * for it; the matrix controller (chartjs-chart-matrix) draws the weekday × hour heat map.
 */
export function loadCharts(): Promise<typeof Chart> {
	loading ??= Promise.all([import('chart.js'), import('chartjs-chart-matrix')]).then(
		([chartjs, matrix]) => {
			chartjs.Chart.register(
				chartjs.BarController,
				chartjs.BarElement,
				chartjs.LineController,
				chartjs.LineElement,
				chartjs.PointElement,
				chartjs.DoughnutController,
				chartjs.ArcElement,
				chartjs.CategoryScale,
				chartjs.LinearScale,
				chartjs.Tooltip,
				chartjs.Legend,
				matrix.MatrixController,
				matrix.MatrixElement
			);
			loaded = true;
			return chartjs.Chart;
		}
	);
	return loading;
}

/**
 * Chart.js, in a task of the caller's own: every chart waiting for the first load would
 * otherwise resume in the one task that load resolves in, a dozen first draws in a row.
 */
export async function chartsInATaskOfItsOwn(): Promise<typeof Chart> {
	if (loaded) return loadCharts();
	const Chart = await loadCharts();
	await new Promise((resolve) => setTimeout(resolve, 0));
	return Chart;
}

/** The last theme's colours, by the theme they were resolved for. */
let lastColors: { theme: string; colors: ChartColors } | null = null;

/**
 * The theme's colours as the browser resolved them (the custom properties hold `light-dark()`
 * expressions, which a canvas cannot take). Resolved once per `theme` (the app's choice and the
 * device's): each resolution is ten style recalculations, once per chart a page full of them.
 */
export function themeColors(host: HTMLElement, theme: string): ChartColors {
	if (lastColors?.theme === theme) return lastColors.colors;
	lastColors = { theme, colors: resolveColors(host) };
	return lastColors.colors;
}

function resolveColors(host: HTMLElement): ChartColors {
	const probe = document.createElement('span');
	probe.hidden = true;
	host.append(probe);
	const resolve = (variable: string) => {
		probe.style.color = `var(${variable})`;
		return getComputedStyle(probe).color;
	};
	const colors: ChartColors = {
		text: resolve('--text'),
		muted: resolve('--text-muted'),
		grid: resolve('--border'),
		surface: resolve('--surface'),
		series: ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'].map(
			resolve
		)
	};
	probe.remove();
	return colors;
}

/** Paints the canvas with the card's surface first, so a saved PNG is not transparent. */
const surfaceBehind: Plugin = {
	id: 'clientbookSurface',
	beforeDraw(chart, _args, options: { color?: string }) {
		const { ctx, width, height } = chart;
		ctx.save();
		ctx.globalCompositeOperation = 'destination-over';
		ctx.fillStyle = options.color ?? 'white';
		ctx.fillRect(0, 0, width, height);
		ctx.restore();
	}
};

export function chartConfig(
	drawing: ChartDrawing
): ChartConfiguration<ChartType> & { type: ChartType } {
	const { colors, shape } = drawing;
	const common = {
		responsive: true,
		maintainAspectRatio: false,
		locale: drawing.locale,
		color: colors.text,
		// Charts appear and change without motion: a dozen animating at once held the page's
		// frames for their length, and nobody reading a figure waits for it to grow.
		animation: false as const,
		plugins: {
			clientbookSurface: { color: colors.surface },
			legend: {
				display: shape === 'stacked' || shape === 'grouped' || shape === 'doughnut',
				position: 'bottom' as const,
				labels: { color: colors.text, boxWidth: 12 }
			},
			tooltip: {
				callbacks: {
					label: (item: TooltipItem<ChartType>) => {
						if (shape === 'heatmap') {
							const point = item.raw as MatrixDataPoint;
							return drawing.format(point.v ?? 0, 0);
						}
						const name = drawing.series[item.datasetIndex]?.name ?? '';
						return `${name}: ${drawing.format(Number(item.raw), item.datasetIndex)}`;
					}
				}
			}
		},
		onClick: (_event: unknown, elements: Array<{ index: number; datasetIndex: number }>) => {
			const hit = elements[0];
			if (hit) drawing.onPick(hit.index, hit.datasetIndex);
		},
		onHover: (event: { native: Event | null }, elements: unknown[]) => {
			const target = event.native?.target;
			if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : '';
		}
	};
	const axis = (values: boolean, stacked = false) => ({
		stacked,
		grid: { color: values ? colors.grid : 'transparent' },
		border: { color: colors.grid },
		ticks: {
			color: colors.muted,
			...(values ? { callback: (value: string | number) => drawing.formatTick(Number(value)) } : {})
		},
		...(values ? { beginAtZero: true } : {})
	});

	if (shape === 'heatmap') {
		const rows = drawing.rows ?? [];
		const columns = drawing.columns ?? [];
		const values = drawing.series[0]?.values ?? [];
		const most = Math.max(1, ...values);
		const data: MatrixDataPoint[] = values.map((v, i) => ({
			x: columns[i % columns.length]!,
			y: rows[Math.floor(i / columns.length)]!,
			v
		}));
		return {
			type: 'matrix',
			data: {
				datasets: [
					{
						label: drawing.series[0]?.name ?? '',
						data,
						backgroundColor: (context: ScriptableContext<'matrix'>) => {
							const point = context.raw as MatrixDataPoint | undefined;
							return withAlpha(colors.series[0]!, 0.08 + 0.92 * ((point?.v ?? 0) / most));
						},
						borderColor: colors.surface,
						borderWidth: 1,
						width: ({ chart }: ScriptableContext<'matrix'>) =>
							(chart.chartArea?.width ?? 0) / Math.max(1, columns.length),
						height: ({ chart }: ScriptableContext<'matrix'>) =>
							(chart.chartArea?.height ?? 0) / Math.max(1, rows.length)
					}
				]
			},
			options: {
				...common,
				scales: {
					x: {
						type: 'category',
						labels: columns,
						offset: true,
						grid: { display: false },
						ticks: { color: colors.muted, autoSkip: true, maxRotation: 0 }
					},
					y: {
						type: 'category',
						// The matrix puts a category axis's first label at the bottom: the first row
						// goes on top, as in its table.
						labels: [...rows].reverse(),
						offset: true,
						grid: { display: false },
						ticks: { color: colors.muted }
					}
				}
			},
			plugins: [surfaceBehind]
		} as ChartConfiguration<ChartType> & { type: ChartType };
	}

	if (shape === 'doughnut') {
		return {
			type: 'doughnut',
			data: {
				labels: drawing.labels,
				datasets: [
					{
						label: drawing.series[0]?.name ?? '',
						data: drawing.series[0]?.values ?? [],
						backgroundColor: drawing.labels.map((_, i) => colors.series[i % colors.series.length]!),
						borderColor: colors.surface
					}
				]
			},
			options: common,
			plugins: [surfaceBehind]
		} as ChartConfiguration<ChartType> & { type: ChartType };
	}

	if (shape === 'pareto') {
		const [bars, line] = drawing.series;
		return {
			type: 'bar',
			data: {
				labels: drawing.labels,
				datasets: [
					{
						type: 'bar',
						label: bars?.name ?? '',
						data: bars?.values ?? [],
						backgroundColor: colors.series[0],
						borderRadius: 3,
						maxBarThickness: 36,
						yAxisID: 'y',
						order: 2
					},
					{
						type: 'line',
						label: line?.name ?? '',
						data: line?.values ?? [],
						borderColor: colors.series[1],
						backgroundColor: colors.series[1],
						pointRadius: 2,
						yAxisID: 'share',
						order: 1
					}
				]
			},
			options: {
				...common,
				plugins: {
					...common.plugins,
					legend: { ...common.plugins.legend, display: true }
				},
				scales: {
					x: axis(false),
					y: axis(true),
					share: {
						position: 'right',
						min: 0,
						max: 100,
						grid: { display: false },
						border: { color: colors.grid },
						ticks: {
							color: colors.muted,
							callback: (value: string | number) =>
								drawing.formatPercentTick?.(Number(value)) ?? String(value)
						}
					}
				}
			},
			plugins: [surfaceBehind]
		} as ChartConfiguration<ChartType> & { type: ChartType };
	}

	const across = shape === 'barsAcross';
	const stacked = shape === 'stacked';
	const shown = stacked || shape === 'grouped' ? drawing.series : drawing.series.slice(0, 1);
	return {
		type: 'bar',
		data: {
			labels: drawing.labels,
			datasets: shown.map((series, i) => ({
				label: series.name,
				data: series.values,
				backgroundColor: colors.series[i % colors.series.length],
				borderRadius: 3,
				maxBarThickness: 36
			}))
		},
		options: {
			...common,
			indexAxis: across ? 'y' : 'x',
			scales: across
				? { x: axis(true), y: axis(false) }
				: { x: axis(false, stacked), y: axis(true, stacked) }
		},
		plugins: [surfaceBehind]
	} as ChartConfiguration<ChartType> & { type: ChartType };
}

/** `rgb(r, g, b)` as the browser reports it, with an alpha. */
function withAlpha(color: string, alpha: number): string {
	const match = /rgba?\(([^)]+)\)/.exec(color);
	if (!match) return color;
	const [r, g, b] = match[1]!.split(/[\s,/]+/);
	return `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(3)})`;
}
