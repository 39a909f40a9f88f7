/** Facts about one funding tool that several pages and rules need: money or not, fresh or not, open or not. */
import { todayIso } from '../today';
import type { FundingTool } from '../records';
import type { FundingType } from '../taxonomies';

/** Types that bring no money by themselves: no amount to compare with a need. */
const NON_MONETARY: FundingType[] = ['accompagnement', 'agrement'];
export function bringsMoney(tool: Pick<FundingTool, 'types'>): boolean {
	return tool.types.some((t) => !NON_MONETARY.includes(t) && t !== 'garantie');
}
/** Whether an amount means something for this tool (not for support or an approval alone). */
export function concernsAmount(tool: Pick<FundingTool, 'types'>): boolean {
	return tool.types.some((t) => !NON_MONETARY.includes(t));
}

/** lastVerified older than 12 months (calendar months, Europe/Paris day). */
export function isStale(lastVerified: string, now: Date = new Date()): boolean {
	const today = todayIso(now);
	const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
	return lastVerified < yearAgo;
}

/** Open today: open all year, or a call for projects whose deadline has not passed. */
export function isOpenNow(
	tool: Pick<FundingTool, 'availability' | 'deadline'>,
	now: Date = new Date()
): boolean {
	if (tool.availability === 'ouvert') return true;
	return (
		tool.availability === 'appel-a-projets' && tool.deadline !== undefined && tool.deadline >= todayIso(now)
	);
}
