export { checkObjects, checkOverlay, repositorySurroundings, K8S_DIR } from './check-manifests';
export { kustomizeBuild } from './kustomize-build';
export { formatProblem, type Manifest, type Problem } from './manifest';
