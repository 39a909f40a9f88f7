/**
 * Filters as form controls, for the surfaces that show one control per URL parameter: the map's selects
 * (filters sharing a parameter share a select, one group of options each) and the funding list's selects
 * and checkbox. Built from the descriptors' `on.map` and `on.funding`; the components only iterate.
 */
import type { FilterKey } from './registry';
import type { FilterDescriptor, FilterRef } from './types';
import { paramGroups } from './url';
import { valuesOf } from './values';

export interface ControlOption {
	value: string;
	label: string;
}

export interface Control {
	/** The URL parameter (also the control's `name`). */
	param: string;
	label: string;
	/** The first option, meaning "no filter" (selects). */
	anyLabel?: string;
	/** A checkbox for an on/off filter: its value when ticked. */
	checkbox?: ControlOption;
	/** Options, in groups when several filters share the control. */
	groups: { label?: string; options: ControlOption[] }[];
	filters: FilterKey[];
}

const options = (d: FilterDescriptor, ref: FilterRef): ControlOption[] =>
	valuesOf(d, ref).map((v) => ({ value: v.code, label: v.label }));

/** The map's selects, with their options. */
export function mapControls(ref: FilterRef): Control[] {
	return paramGroups('map').map(({ param, filters }) => ({
		param,
		label: filters.find((d) => d.on.map?.label)?.on.map?.label ?? filters[0].label,
		anyLabel: filters.find((d) => d.on.map?.anyLabel)?.on.map?.anyLabel,
		groups: filters.map((d) => ({ label: d.on.map?.optgroup, options: options(d, ref) })),
		filters: filters.map((d) => d.key)
	}));
}

/** The funding list's controls: a select per filter, a checkbox for an on/off filter. */
export function fundingControls(ref: FilterRef): Control[] {
	return paramGroups('funding').map(({ param, filters: [d] }) => {
		const decl = d.on.funding;
		const values = options(d, ref);
		return {
			param,
			label: decl?.checkbox ?? d.label,
			anyLabel: decl?.anyLabel,
			checkbox: decl?.checkbox ? values[0] : undefined,
			groups: decl?.checkbox ? [] : [{ options: values }],
			filters: [d.key]
		};
	});
}
