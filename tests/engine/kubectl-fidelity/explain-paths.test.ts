import { describe, expect, it } from "vitest";
import { EXPLAIN_TYPES } from "../../../sandbox/engine/kubectl/explain-types.ts";
import { harness } from "../kubectl/harness.ts";

/**
 * The layout of kubectl's plaintext.tmpl, checked against what a real kubectl client prints for an
 * OpenAPI document served to it: two blank lines after FIELD, the field's description followed by
 * its type's, a last description line of four spaces, ENUM in the long view and `enum:` (at most
 * four values) in field lists, and the header written before a bad path fails.
 */
describe("kubectl explain field paths", () => {
  it("follows a list into its item type (sts.spec.volumeClaimTemplates)", async () => {
    const r = await harness().kubectl("kubectl explain sts.spec.volumeClaimTemplates");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "GROUP:      apps",
      "KIND:       StatefulSet",
      "VERSION:    v1",
      "",
      "FIELD: volumeClaimTemplates <[]PersistentVolumeClaim>",
      "",
      "",
      "DESCRIPTION:",
    ]);
    const fieldsAt = lines.indexOf("FIELDS:");
    expect(lines.slice(fieldsAt - 3, fieldsAt - 1)).toEqual([
      "    PersistentVolumeClaim is a user's request for and claim to a persistent",
      "    volume",
    ]);
    expect(lines[fieldsAt - 1]).toBe("    ");
    expect(lines.filter((l) => /^ {2}\S/.test(l))).toEqual([
      "  apiVersion\t<string>",
      "  kind\t<string>",
      "  metadata\t<ObjectMeta>",
      "  spec\t<PersistentVolumeClaimSpec>",
      "  status\t<PersistentVolumeClaimStatus>",
    ]);
    expect(r.stdout.endsWith("\n\n\n")).toBe(true);
  });

  it("prints an enum field's values in the long view", async () => {
    const r = await harness().kubectl("kubectl explain sts.spec.podManagementPolicy");
    expect(r.stdout).toMatch(
      /^GROUP: {6}apps\nKIND: {7}StatefulSet\nVERSION: {4}v1\n\nFIELD: podManagementPolicy <string>\nENUM:\n {4}OrderedReady\n {4}Parallel\n\nDESCRIPTION:\n {4}podManagementPolicy controls/,
    );
    expect(r.stdout.endsWith("pods at once.\n    \n\n")).toBe(true);
  });

  it("lists the field tree with --recursive, enums on their own line", async () => {
    const r = await harness().kubectl("kubectl explain pod.spec.containers.ports --recursive");
    expect(r.stdout).toBe(
      [
        "KIND:       Pod",
        "VERSION:    v1",
        "",
        "FIELD: ports <[]ContainerPort>",
        "",
        "",
        "DESCRIPTION:",
        "    List of ports to expose from the container. Not specifying a port here DOES",
        "    NOT prevent that port from being exposed. Any port which is listening on the",
        '    default "0.0.0.0" address inside a container will be accessible from the',
        "    network. Modifying this array with strategic merge patch may corrupt the",
        "    data. For more information See",
        "    https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.",
        "    ContainerPort represents a network port in a single container.",
        "    ",
        "FIELDS:",
        "  containerPort\t<integer> -required-",
        "  hostIP\t<string>",
        "  hostPort\t<integer>",
        "  name\t<string>",
        "  protocol\t<string>",
        "  enum: TCP, UDP, SCTP",
        "",
        "",
      ].join("\n"),
    );
  });

  it("keeps DESCRIPTION with --recursive and nests sub-fields two spaces deeper", async () => {
    const r = await harness().kubectl("kubectl explain sts --recursive");
    expect(r.stdout).toContain("DESCRIPTION:\n    StatefulSet represents");
    expect(r.stdout).toContain("\n  spec\t<StatefulSetSpec>\n    minReadySeconds\t<integer>\n");
    expect(r.stdout).toContain("\n    podManagementPolicy\t<string>\n    enum: OrderedReady, Parallel\n");
    expect(r.stdout).toContain(
      "\n    volumeClaimTemplates\t<[]PersistentVolumeClaim>\n      apiVersion\t<string>\n",
    );
  });

  it("writes the header, then fails on the last path element when the path leaves the schema", async () => {
    const h = harness();
    for (const path of ["sts.spec.replicas.x", "sts.spec.nope.x"]) {
      const r = await h.kubectl(`kubectl explain ${path}`);
      expect(r).toEqual({
        stdout: "GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\n",
        stderr: 'error: field "x" does not exist\n',
        status: 1,
      });
    }
  });

  it("has every type a generated field leads to", () => {
    for (const type of Object.values(EXPLAIN_TYPES)) {
      for (const field of type.fields) {
        if (field.ref !== undefined) expect(Object.hasOwn(EXPLAIN_TYPES, field.ref)).toBe(true);
      }
    }
  });
});
