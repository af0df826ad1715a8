import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

const POD = `cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: bb
    image: busybox:1.37
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: data
      mountPath: /usr/share/nginx/html
  volumes:
  - name: data
    emptyDir: {}
EOF
kubectl apply -f p.yaml && sleep 20`;

describe("df in containers", () => {
  it("lists every mount in BusyBox's fixed columns, the volume among them", async () => {
    const [, r] = await run([POD, "kubectl exec two -c bb -- df"]);
    const lines = r!.stdout.split("\n");
    expect(lines[0]).toBe("Filesystem           1K-blocks      Used Available Use% Mounted on");
    expect(lines[1]).toMatch(/^overlay {14}\d{9} +\d+ +\d+ +\d+% \/$/);
    expect(lines).toContain("shm                      65536         0     65536   0% /dev/shm");
    expect(lines.some((l) => /^\/dev\/root .* \/data$/.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith(" /etc/resolv.conf"))).toBe(true);
  });

  it("aligns GNU columns, shows one mount per device, and finds the mount of a path", async () => {
    const [, all, one, missing] = await run([
      POD,
      "kubectl exec two -c web -- df -h",
      "kubectl exec two -c web -- df /usr/share/nginx/html",
      "kubectl exec two -c web -- df /nope",
    ]);
    const lines = all!.stdout.split("\n");
    expect(lines[0]).toBe("Filesystem      Size  Used Avail Use% Mounted on");
    expect(lines).toContain("tmpfs            64M     0   64M   0% /dev");
    expect(lines.filter((l) => l.startsWith("/dev/root"))).toHaveLength(1);
    expect(one!.stdout).toMatch(
      /^Filesystem +1K-blocks +Used Available Use% Mounted on\n\/dev\/root +\d+ +\d+ +\d+ +\d+% \/usr\/share\/nginx\/html\n$/,
    );
    expect(missing).toMatchObject({
      stderr: "df: /nope: No such file or directory\ncommand terminated with exit code 1\n",
      status: 1,
    });
  });
});

describe("grep context and BusyBox ls -l", () => {
  it("prints -A/-B/-C context with GNU's separators", async () => {
    const [, a, b] = await run([
      "printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\n' > f.txt",
      "grep -A1 -e b -e f f.txt",
      "grep -n -C1 d f.txt",
    ]);
    expect(a!.stdout).toBe("b\nc\n--\nf\ng\n");
    expect(b!.stdout).toBe("3-c\n4:d\n5-e\n");
  });

  it("uses BusyBox's fixed widths for ls -l in busybox images", async () => {
    const [, r] = await run([POD, "kubectl exec two -c bb -- sh -c 'echo hi > /data/f; ls -l /data'"]);
    expect(r!.stdout).toMatch(/^total 4\n-rw-r--r-- {4}1 root {5}root {13}3 \w{3} [ \d]\d \d\d:\d\d f\n$/);
  });
});
