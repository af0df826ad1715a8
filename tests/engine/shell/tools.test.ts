import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { inColumns, lsDate } from "../../../sandbox/engine/tools/ls.ts";
import { run1 } from "../helpers.ts";

/** Runs lines in one sandbox; returns the last line's result with both streams. */
async function last(lines: string[]) {
  const sandbox = createSandbox({ timeMode: "instant" });
  let result = { stdout: "", stderr: "", status: 0 };
  for (const line of lines) {
    result = { stdout: "", stderr: "", status: 0 };
    const r = result;
    r.status = await sandbox.exec(line, (c) => {
      if (c.stream === "stdout") r.stdout += c.text;
      else r.stderr += c.text;
    });
  }
  return result;
}

describe("ls (GNU coreutils 9.1, C locale)", () => {
  it("lays names out in columns padded with tabs exactly as ls -C does at 80 columns", () => {
    const names = Array.from({ length: 30 }, (_, i) => `file-${i + 1}.yaml`).sort();
    expect(inColumns(names, 80)).toBe(
      [
        "file-1.yaml   file-15.yaml  file-20.yaml  file-26.yaml\tfile-4.yaml",
        "file-10.yaml  file-16.yaml  file-21.yaml  file-27.yaml\tfile-5.yaml",
        "file-11.yaml  file-17.yaml  file-22.yaml  file-28.yaml\tfile-6.yaml",
        "file-12.yaml  file-18.yaml  file-23.yaml  file-29.yaml\tfile-7.yaml",
        "file-13.yaml  file-19.yaml  file-24.yaml  file-3.yaml\tfile-8.yaml",
        "file-14.yaml  file-2.yaml   file-25.yaml  file-30.yaml\tfile-9.yaml",
        "",
      ].join("\n"),
    );
  });

  it("matches ls -C when names of very different lengths share columns", () => {
    const names = [
      "a.yaml",
      "bbbbbbbbbbbbbbb.yaml",
      "c",
      "ddddddddddddddddddddd.txt",
      "eeeeeeeeeeee",
      "ffffffffffffffffffff",
      "gggggggggggggggg",
      "hhhhhhhhhhhhhhhhhhh",
    ];
    expect(inColumns(names, 80)).toBe(
      "a.yaml\t\t      ddddddddddddddddddddd.txt  gggggggggggggggg\n" +
        "bbbbbbbbbbbbbbb.yaml  eeeeeeeeeeee\t\t hhhhhhhhhhhhhhhhhhh\n" +
        "c\t\t      ffffffffffffffffffff\n",
    );
  });

  it("prints one name per line into a pipe", async () => {
    expect((await last(["touch b a", "ls | cat"])).stdout).toBe("a\nb\n");
  });

  it("long-lists with total, mode, links, owner, size and date", async () => {
    const r = await last(["echo hello > f.txt", "mkdir d", "ls -l"]);
    expect(r.stdout).toBe(
      "total 8\ndrwxr-xr-x 2 learner learner 4096 Jan  1 00:00 d\n-rw-r--r-- 1 learner learner    6 Jan  1 00:00 f.txt\n",
    );
  });

  it("shows the year instead of the time for files older than six months", () => {
    const now = Date.UTC(2026, 6, 15);
    expect(lsDate(Date.UTC(2026, 0, 5, 9, 7), now)).toBe("Jan  5  2026");
    expect(lsDate(Date.UTC(2026, 6, 1, 9, 7), now)).toBe("Jul  1 09:07");
  });

  it("reports a missing operand with status 2 and still lists the rest", async () => {
    const r = await last(["touch a", "ls nope a"]);
    expect(r).toEqual({
      stdout: "a\n",
      stderr: "ls: cannot access 'nope': No such file or directory\n",
      status: 2,
    });
  });

  it("lists hidden files with -a, including . and ..", async () => {
    expect((await last(["touch .hidden x", "ls -a | cat"])).stdout).toBe(".\n..\n.hidden\nx\n");
  });
});

describe("GNU error texts", () => {
  it.each([
    ["cat nope", "cat: nope: No such file or directory\n", 1],
    ["cat /tmp", "cat: /tmp: Is a directory\n", 1],
    ["rm nope", "rm: cannot remove 'nope': No such file or directory\n", 1],
    ["rm /tmp", "rm: cannot remove '/tmp': Is a directory\n", 1],
    ["rm", "rm: missing operand\nTry 'rm --help' for more information.\n", 1],
    ["cp", "cp: missing file operand\nTry 'cp --help' for more information.\n", 1],
    ["cp a", "cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n", 1],
    ["cp nope x", "cp: cannot stat 'nope': No such file or directory\n", 1],
    ["mv nope x", "mv: cannot stat 'nope': No such file or directory\n", 1],
    ["mkdir /tmp", "mkdir: cannot create directory '/tmp': File exists\n", 1],
    ["mkdir a/b", "mkdir: cannot create directory 'a/b': No such file or directory\n", 1],
    ["touch q/x", "touch: cannot touch 'q/x': No such file or directory\n", 1],
    ["head nope", "head: cannot open 'nope' for reading: No such file or directory\n", 1],
    ["tail nope", "tail: cannot open 'nope' for reading: No such file or directory\n", 1],
    ["grep x nope", "grep: nope: No such file or directory\n", 2],
    ["ls -z", "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", 2],
    ["sleep", "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1],
    ["sleep x", "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", 1],
  ])("%s", async (line, stderr, status) => {
    expect(await run1(line)).toEqual({ stdout: "", stderr, status });
  });

  it("rm -f ignores missing files; rm -r removes a tree", async () => {
    expect(await run1("rm -f nope")).toEqual({ stdout: "", stderr: "", status: 0 });
    expect((await last(["mkdir -p a/b", "touch a/b/c", "rm -r a", "ls"])).stdout).toBe("");
  });

  it("cp without -r omits a directory", async () => {
    expect((await last(["mkdir d", "cp d e"])).stderr).toBe("cp: -r not specified; omitting directory 'd'\n");
  });
});

describe("text tools", () => {
  it("grep uses basic regular expressions unless -E", async () => {
    expect((await run1("echo 'a(b)' | grep 'a(b)'")).stdout).toBe("a(b)\n");
    expect((await run1("echo a+b | grep 'a+b'")).stdout).toBe("a+b\n");
    expect((await run1("echo aab | grep -E 'a+b'")).stdout).toBe("aab\n");
    expect((await run1("printf 'Web\\ndb\\n' | grep -iv WEB")).stdout).toBe("db\n");
    expect((await run1("echo x | grep y")).status).toBe(1);
  });

  it("sort -n and -k sort numerically and by key", async () => {
    expect((await run1("printf '10 b\\n9 a\\n100 c\\n' | sort -n")).stdout).toBe("9 a\n10 b\n100 c\n");
    expect((await run1("printf 'x 3\\ny 1\\nz 2\\n' | sort -k2 -n")).stdout).toBe("y 1\nz 2\nx 3\n");
    expect((await run1("printf 'a\\nc\\nb\\n' | sort -r")).stdout).toBe("c\nb\na\n");
  });

  it("wc pads to 7 columns for a pipe and prints one count bare", async () => {
    expect((await run1("printf 'a\\nb\\n' | wc")).stdout).toBe("      2       2       4\n");
    expect((await run1("printf abc | wc -c")).stdout).toBe("3\n");
  });

  it("head and tail take -n N, -N and +N", async () => {
    const five = "printf '1\\n2\\n3\\n4\\n5\\n'";
    expect((await run1(`${five} | head -2`)).stdout).toBe("1\n2\n");
    expect((await run1(`${five} | tail -n 2`)).stdout).toBe("4\n5\n");
    expect((await run1(`${five} | tail -n +4`)).stdout).toBe("4\n5\n");
  });

  it("awk prints fields, NF and NR, with -F and a pattern", async () => {
    expect((await run1("echo 'a b c' | awk '{print $NF, NR}'")).stdout).toBe("c 1\n");
    expect((await run1("echo 'a:b:c' | awk -F: '{print $2}'")).stdout).toBe("b\n");
    expect((await run1("printf 'H 1\\nx 2\\n' | awk 'NR>1 {print $2}'")).stdout).toBe("2\n");
    expect((await run1("printf 'web 1\\ndb 2\\n' | awk '/web/'")).stdout).toBe("web 1\n");
  });

  it("xargs appends stdin words to the command, once, even for empty input", async () => {
    expect((await run1("printf 'pod/a\\npod/b\\n' | xargs echo del")).stdout).toBe("del pod/a pod/b\n");
    expect((await run1("echo hi there | xargs -n1 echo x")).stdout).toBe("x hi\nx there\n");
    expect((await run1("echo | xargs echo empty")).stdout).toBe("empty\n");
    expect((await run1("echo | xargs -r echo empty")).stdout).toBe("");
  });

  it("xargs feeds kubectl: the -o name | xargs idiom reaches kubectl with the names", async () => {
    expect((await run1("kubectl get nodes -o name | xargs kubectl get")).stdout).toMatch(
      /^NAME +STATUS +ROLES +AGE +VERSION\nkind-control-plane +Ready/,
    );
  });

  it("echo -n and -e", async () => {
    expect((await run1("echo -n a; echo -e 'b\\tc'")).stdout).toBe("ab\tc\n");
  });

  it("date prints the simulated clock in date(1)'s default format", async () => {
    expect((await run1("date")).stdout).toBe("Thu Jan  1 00:00:00 UTC 2026\n");
    expect((await last(["sleep 90", "date +%H:%M:%S"])).stdout).toBe("00:01:30\n");
  });
});

describe("watch", () => {
  it("in instant mode draws a few screens with procps' header and then stops", async () => {
    const r = await run1("watch -n 5 date");
    const screens = r.stdout.split("\x1b[H\x1b[2J").slice(1);
    expect(screens).toHaveLength(3);
    expect(screens[0]).toBe(
      `Every 5.0s: date${" ".repeat(26)}stateful-lab: Thu Jan  1 00:00:00 2026\n\nThu Jan  1 00:00:00 UTC 2026\n`,
    );
    expect(screens[1]).toContain("00:00:05 UTC 2026");
    expect(r.stdout.startsWith("\x1b[?1049h")).toBe(true);
    expect(r.stdout.endsWith("\x1b[?1049l")).toBe(true);
  });
});
