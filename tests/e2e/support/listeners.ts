import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import ipaddr from "ipaddr.js";

// The sockets that a process tree listens on, read from /proc (Linux): TCP in LISTEN, and UDP
// bound without a peer.

function children(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent's pid is the 4th field, after the name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

function tree(root: number): number[] {
  const all = [root];
  for (let index = 0; index < all.length; index++) {
    all.push(...children(all[index] ?? root));
  }
  return all;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: "utf8" });
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
  } catch {
    // Exited, or not ours to read.
  }
  return inodes;
}

/** /proc/net's "0100007F:0BB8": the address in the host's (little-endian) words, then the port. */
function parse(hex: string): { host: string; port: number } {
  const [host = "", port = ""] = hex.split(":");
  const bytes = (host.match(/.{8}/g) ?? []).flatMap((word) =>
    (word.match(/../g) ?? []).map((byte) => Number.parseInt(byte, 16)).reverse(),
  );
  return { host: ipaddr.fromByteArray(bytes).toString(), port: Number.parseInt(port, 16) };
}

export type Listener = { protocol: "tcp" | "udp"; host: string; port: number };

/** What `root` and its descendants listen on. */
export function listeners(root: number): Listener[] {
  const inodes = new Set(tree(root).flatMap((pid) => [...socketInodes(pid)]));
  const found: Listener[] = [];
  for (const [file, protocol, state] of [
    ["tcp", "tcp", "0A"],
    ["tcp6", "tcp", "0A"],
    ["udp", "udp", "07"],
    ["udp6", "udp", "07"],
  ] as const) {
    let table = "";
    try {
      table = readFileSync(`/proc/net/${file}`, "utf8");
    } catch {
      continue; // No IPv6 on this machine.
    }
    for (const line of table.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === state && inodes.has(fields[9] ?? "")) {
        found.push({ protocol, ...parse(fields[1] ?? "") });
      }
    }
  }
  return found;
}
