import type { Tool } from "../shell/interpreter.ts";

/** `id [-u|-g|-n]` for the shell's user, from /etc/passwd and /etc/group when the image has them. */
export const id: Tool = async (ctx) => {
  const user = ctx.shell.vars.get("USER") ?? "root";
  const read = (path: string) => {
    try {
      return ctx.shell.fs.readFile(path);
    } catch {
      return "";
    }
  };
  const passwd = read("/etc/passwd")
    .split("\n")
    .map((l) => l.split(":"));
  const entry = passwd.find((f) => f[0] === user);
  const uid = entry?.[2] ?? (user === "root" ? "0" : "1000");
  const gid = entry?.[3] ?? uid;
  const groups = read("/etc/group")
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f.length >= 3 && (f[2] === gid || (f[3] ?? "").split(",").includes(user)));
  const groupName = (g: string) => groups.find((f) => f[2] === g)?.[0] ?? user;
  const flags = ctx.argv.slice(1).join("");
  if (flags.includes("u")) ctx.stdout(`${flags.includes("n") ? user : uid}\n`);
  else if (flags.includes("g")) ctx.stdout(`${flags.includes("n") ? groupName(gid) : gid}\n`);
  else {
    const list = groups.length > 0 ? groups.map((f) => `${f[2]}(${f[0]})`).join(",") : `${gid}(${user})`;
    ctx.stdout(`uid=${uid}(${user}) gid=${gid}(${groupName(gid)}) groups=${list}\n`);
  }
  return 0;
};
