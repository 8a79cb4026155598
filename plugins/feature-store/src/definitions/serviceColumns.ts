import { isFeatureSelection, isFeatureView } from './isDefinition';
import type { FeatureService, FeatureType, FeatureView, OnDemandFeature } from './types';

/** A view a service reads, with every feature it needs (its own outputs and on-demand inputs). */
export interface ViewRead {
  view: FeatureView;
  features: string[];
}

/** One output column of a service. */
export interface ServiceColumn {
  name: string;
  type: FeatureType;
  /** View name, or the on-demand feature's name. */
  from: string;
  onDemand: boolean;
}

/** How a service is computed: which views to read, which on-demand functions to run, the output columns. */
export interface ServicePlan {
  service: FeatureService;
  reads: ViewRead[];
  onDemand: OnDemandFeature[];
  columns: ServiceColumn[];
  /** Request fields the on-demand features need. */
  request: Record<string, FeatureType>;
  /** Join keys of every view read, deduplicated, in first-seen order. */
  joinKeys: string[];
}

/**
 * Resolves a service into reads and columns. Output names must be unique across views and
 * on-demand outputs (throws naming both sources); on-demand inputs are read even if not output.
 */
export function serviceColumns(service: FeatureService): ServicePlan {
  const reads = new Map<string, ViewRead>();
  const columns: ServiceColumn[] = [];
  const onDemand: OnDemandFeature[] = [];
  const request: Record<string, FeatureType> = {};
  const read = (view: FeatureView, features: readonly string[]) => {
    const entry = reads.get(view.name) ?? { view, features: [] };
    if (entry.view !== view && JSON.stringify(definitionOf(entry.view)) !== JSON.stringify(definitionOf(view))) {
      throw new Error(`two different views are named "${view.name}"`);
    }
    for (const f of features) if (!entry.features.includes(f)) entry.features.push(f);
    reads.set(view.name, entry);
  };
  const output = (column: ServiceColumn) => {
    const clash = columns.find((c) => c.name === column.name);
    if (clash) throw new Error(`expected unique feature names, received "${column.name}" from ${clash.from} and ${column.from}`);
    columns.push(column);
  };
  for (const entry of service.features) {
    if (isFeatureView(entry) || isFeatureSelection(entry)) {
      const view = isFeatureView(entry) ? entry : entry.view;
      const names = isFeatureView(entry) ? Object.keys(entry.features) : entry.features;
      read(view, names);
      for (const name of names) output({ name, type: view.features[name]!, from: view.name, onDemand: false });
    } else {
      onDemand.push(entry);
      for (const view of entry.views) read(view, Object.keys(view.features));
      Object.assign(request, entry.request);
      for (const [name, type] of Object.entries(entry.outputs)) output({ name, type, from: entry.name, onDemand: true });
    }
  }
  const joinKeys = [...new Set([...reads.values()].flatMap((r) => r.view.entities.flatMap((e) => e.joinKeys)))];
  return { service, reads: [...reads.values()], onDemand, columns, request, joinKeys };
}

function definitionOf(view: FeatureView) {
  return { entities: view.entities, source: view.source, ttlMs: view.ttlMs, features: view.features };
}
