import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

describe("kubectl explain", () => {
  // Byte for byte what kubectl prints for this schema: the description keeps a last line of four
  // spaces before FIELDS, and the template's closing newline follows the last field's blank line.
  it("prints a kind like plaintext.tmpl, wrapped at 76 columns (checked against real output)", async () => {
    const r = await harness().kubectl("kubectl explain deployments");
    expect(r.stdout).toBe(
      `GROUP:      apps
KIND:       Deployment
VERSION:    v1

DESCRIPTION:
    Deployment enables declarative updates for Pods and ReplicaSets.
    
FIELDS:
  apiVersion\t<string>
    APIVersion defines the versioned schema of this representation of an object.
    Servers should convert recognized schemas to the latest internal value, and
    may reject unrecognized values. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

  kind\t<string>
    Kind is a string value representing the REST resource this object
    represents. Servers may infer this from the endpoint the client submits
    requests to. Cannot be updated. In CamelCase. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

  metadata\t<ObjectMeta>
    Standard object's metadata. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

  spec\t<DeploymentSpec>
    Specification of the desired behavior of the Deployment.

  status\t<DeploymentStatus>
    Most recently observed status of the Deployment.


`,
    );
  });

  it("leaves the GROUP line out for core kinds and wraps the pod description", async () => {
    const r = await harness().kubectl("kubectl explain po");
    expect(
      r.stdout.startsWith(
        "KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n",
      ),
    ).toBe(true);
  });

  it("errors on unknown types and fields", async () => {
    const h = harness();
    expect((await h.kubectl("kubectl explain foo")).stderr).toBe(
      'error: the server doesn\'t have a resource type "foo"\n',
    );
    expect((await h.kubectl("kubectl explain sts.replica")).stderr).toBe(
      'error: field "replica" does not exist\n',
    );
  });
});
