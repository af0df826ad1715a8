import type { Cluster } from "../cluster.ts";
import { createEndpointsController } from "./endpoints-controller.ts";
import { createEndpointSliceController } from "./endpointslice-controller.ts";
import { admitService } from "./service-admission.ts";

/** Service networking in one call: ClusterIP/NodePort allocation at admission and the two endpoint controllers. */
export function installNetworking(cluster: Cluster): void {
  cluster.api.admission.push((c, object, old) => admitService(c, object, old));
  cluster.controllers.register(createEndpointsController());
  cluster.controllers.register(createEndpointSliceController());
}
