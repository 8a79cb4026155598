import type { UiSection } from '../UiSection';
import { lineageSection } from './lineage/lineageSection';
import { orchestrationSection } from './orchestration/orchestrationSection';
import { dataSection } from './data/dataSection';
import { registrySection } from './registry/registrySection';
import { runsSection } from './runs/runsSection';
import { tuningSection } from './tuning/tuningSection';

/**
 * Every section of the dashboard, in navigation order. A new section (lineage, data, tuning,
 * orchestration) is a folder here with its `UiSection`, listed below, and its pages under
 * `web/src/sections/`, listed in `web/src/sections/index.ts`.
 */
export const uiSections: readonly UiSection[] = [runsSection, registrySection, lineageSection, dataSection, tuningSection, orchestrationSection];
