export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  [field: string]: unknown;
}
export interface WorkspacePackage {
  /** Folder relative to the repository root, e.g. `packages/core`. */
  dir: string;
  manifest: Manifest;
}
export declare const installFields: readonly string[];
export declare function readWorkspace(root: string): { root: Manifest & { workspaces?: string[]; repository?: { url: string } }; packages: WorkspacePackage[] };
export declare function releaseOrder(packages: WorkspacePackage[]): WorkspacePackage[];
export declare function publishProblems(pkg: WorkspacePackage, expected: { version: string; repositoryUrl: string | undefined; root: string }): string[];
