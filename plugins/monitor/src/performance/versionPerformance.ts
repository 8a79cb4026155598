import type { ArtifactStore, ModelVersion, MonitorWindow } from '@mlops/core';
import type { CbpeCalibration } from './cbpe';
import type { WindowPerformance, WindowPerformanceOptions } from './windowPerformance';

/** The artifact key of a version's CBPE calibration (`artifacts.cbpe`, the JSON `fitCbpe` returns). */
export const cbpeArtifactKey = 'cbpe';

/** Reads one window's performance from the monitor's database (`windowPerformance` bound to it). */
export type PerformanceReader = (options: WindowPerformanceOptions) => Promise<WindowPerformance>;

/** A version's window performance and the metrics it was registered with (its held-out evaluation). */
export interface VersionPerformance {
  performance: WindowPerformance;
  /** Metrics of the version's latest registry evaluation, by name (`accuracy`, `f1`, `rocAuc`, ...). */
  reference: Record<string, number>;
}

/** The metrics of the version's most recent evaluation; empty when it was registered without one. */
export function referenceMetrics(version: ModelVersion): Record<string, number> {
  const latest = [...version.evaluations].sort((a, b) => b.evaluatedAt - a.evaluatedAt)[0];
  return { ...(latest?.metrics ?? {}) };
}

/**
 * Realized and (with a stored calibration) CBPE-estimated performance of one version's window, and
 * its reference metrics. Calibrations are cached by digest (content-addressed, never stale).
 */
export class VersionPerformances {
  private readonly calibrations = new Map<string, CbpeCalibration>();

  constructor(
    private readonly read: PerformanceReader,
    private readonly store: ArtifactStore | undefined,
  ) {}

  async of(version: ModelVersion, window: MonitorWindow): Promise<VersionPerformance> {
    const calibration = await this.calibration(version);
    const performance = await this.read({ model: version.name, version: version.version, since: window.since, until: window.until, signature: version.signature, ...(calibration ? { calibration } : {}) });
    return { performance, reference: referenceMetrics(version) };
  }

  private async calibration(version: ModelVersion): Promise<CbpeCalibration | undefined> {
    const digest = version.artifacts[cbpeArtifactKey];
    if (!digest || !this.store || version.signature.task === 'regression') return undefined;
    let calibration = this.calibrations.get(digest);
    if (!calibration) {
      calibration = JSON.parse(new TextDecoder().decode(await this.store.get(digest))) as CbpeCalibration;
      this.calibrations.set(digest, calibration);
    }
    return calibration;
  }
}
