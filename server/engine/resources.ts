import type { NetworksApi } from './api/networks';
import type { RunApi } from './api/run';
import type { VolumesApi } from './api/volumes';
import { dockerNetworks } from './docker/networks';
import { dockerRun } from './docker/run';
import { dockerVolumes } from './docker/volumes';
import { defaultResourceContext } from './docker/default-context';

// Until the engine registry (issue 14) lands, these reach the default engine; afterwards each
// becomes one line of the Engine interface (`engine.run`, `engine.volumes`, `engine.networks`).
const KEY = Symbol.for('dockside.runResources');
type Holder = { [KEY]?: { run: RunApi; volumes: VolumesApi; networks: NetworksApi } };

function resources() {
  const holder = globalThis as Holder;
  holder[KEY] ??= { run: dockerRun(defaultResourceContext()), volumes: dockerVolumes(defaultResourceContext()), networks: dockerNetworks(defaultResourceContext()) };
  return holder[KEY];
}

export const runApi = (): RunApi => resources().run;
export const volumesApi = (): VolumesApi => resources().volumes;
export const networksApi = (): NetworksApi => resources().networks;
