#!/bin/bash
# Starts or stops a Slurm test cluster (Debian's slurm-wlm + munge) in a folder of its own, for the
# Slurm executor's tests: node 'localhost' (partition main, the default) with 2 emulated GPUs (gres.conf
# over placeholder device files) and, where network namespaces can be made (ip netns, veth), two more
# nodes n1 and n2 (partition two, 1 CPU each), each slurmd in a namespace of its own with its own
# address, as two machines would be, sharing this machine's filesystem (the store) as a cluster shares
# its shared filesystem.
#   scripts/slurm-cluster.sh start <dir>   prints SLURM_CONF=<dir>/slurm.conf when the nodes are idle;
#                                          <dir>/two-nodes says "up", or why partition two is missing
#   scripts/slurm-cluster.sh stop <dir>
# Needs root (slurmd runs jobs as their users). Ports: SLURM_TEST_PORT (default 26917) and the next one;
# the namespaces are sml<port>-n1 and -n2 on 10.<port-derived>.{1,2}.0/30.
set -u
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop <dir>" >&2; exit 2; }
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
port=${SLURM_TEST_PORT:-26917}
ns=sml$port
# slurmd's spool holds the steps' Unix sockets, whose paths must stay under 108 bytes: a spool inside
# a deep checkout fails every job launch ("Unix socket path ... is too long"), so it lives in /tmp
spool=/tmp/sml-slurmd.$(printf %s "$dir" | md5sum | cut -c1-10)
net=10.$((200 + port % 50))

stop() {
  for f in "$dir"/d*.pid "$dir/ctld.pid"; do
    if [ -f "$f" ]; then
      pid=$(cat "$f"); kill "$pid" 2>/dev/null
      for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      rm -f "$f"
    fi
  done
  for n in 1 2; do
    ip netns del "$ns-n$n" 2>/dev/null
    ip link del "$ns-h$n" 2>/dev/null
  done
  rm -rf "$spool"
}

# two namespaces, each joined to this machine by a veth pair: n<k> is $net.<k>.2, this side $net.<k>.1
two_nodes() {
  command -v ip >/dev/null && command -v nsenter >/dev/null || { echo "no ip (iproute2) or nsenter (util-linux)"; return 1; }
  for n in 1 2; do
    ip netns add "$ns-n$n" 2>&1 || return 1
    ip link add "$ns-h$n" type veth peer name "$ns-c$n" 2>&1 || return 1
    ip link set "$ns-c$n" netns "$ns-n$n" || return 1
    ip addr add "$net.$n.1/30" dev "$ns-h$n" && ip link set "$ns-h$n" up || return 1
    ip -n "$ns-n$n" addr add "$net.$n.2/30" dev "$ns-c$n" || return 1
    ip -n "$ns-n$n" link set lo up && ip -n "$ns-n$n" link set "$ns-c$n" up || return 1
    ip -n "$ns-n$n" route add default via "$net.$n.1" || return 1
  done
}

case "$cmd" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac

for p in slurmctld slurmd munged sbatch; do
  command -v $p >/dev/null || { echo "$p not found: install Debian's slurm-wlm and munge" >&2; exit 3; }
done
stop
mkdir -p "$dir/ctld" "$spool/d" "$spool/localhost" "$spool/n1" "$spool/n2"
rm -f "$dir/two-nodes"
if [ "${SLURM_TEST_NODES:-3}" = 1 ]; then
  why="SLURM_TEST_NODES=1"
else
  why=$(two_nodes 2>&1) && why=""
fi
if [ -n "$why" ]; then
  stop
  echo "no network namespaces here: ${why:-unknown reason}" > "$dir/two-nodes"
fi
# two placeholder character devices (copies of /dev/null) stand for the GPUs: Slurm sets
# CUDA_VISIBLE_DEVICES for device files only; where mknod is not allowed, two ttys stand in
gpus="$dir/gpu[0-1]"
for i in 0 1; do
  [ -c "$dir/gpu$i" ] || { rm -f "$dir/gpu$i"; mknod "$dir/gpu$i" c 1 3 2>/dev/null || gpus="/dev/tty[1-2]"; }
done
cat > "$dir/slurm.conf" <<CONF
ClusterName=smltest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
GresTypes=gpu
ReturnToService=2
MinJobAge=600
KillWait=20
# a requeued job waits cred_expire seconds (default 120) before it may start again, and the
# scheduler looks at pending jobs every sched_interval (default 60): short, for the requeue test
AuthInfo=cred_expire=30
SchedulerParameters=sched_interval=5
SlurmctldPort=$port
SlurmdPort=$((port + 1))
StateSaveLocation=$dir/ctld
SlurmctldPidFile=$dir/ctld.pid
SlurmctldLogFile=$dir/ctld.log
JobAcctGatherType=jobacct_gather/none
CONF
if [ -z "$why" ]; then
  # each slurmd its own spool, pid and log (%n: the node's name); the nodes reach slurmctld at this
  # side's address of their veth. n1 and n2 come before localhost: in the other order slurmctld
  # 22.05 stops with "Duplicated NodeHostName n1"
  cat >> "$dir/slurm.conf" <<CONF
SlurmctldAddr=$net.1.1
SlurmdSpoolDir=$spool/%n
SlurmdPidFile=$dir/d-%n.pid
SlurmdLogFile=$dir/d-%n.log
NodeName=n1 NodeAddr=$net.1.2 CPUs=1 RealMemory=4000 State=UNKNOWN
NodeName=n2 NodeAddr=$net.2.2 CPUs=1 RealMemory=4000 State=UNKNOWN
PartitionName=two Nodes=n1,n2 MaxTime=INFINITE State=UP
CONF
else
  printf 'SlurmdSpoolDir=%s\nSlurmdPidFile=%s\nSlurmdLogFile=%s\n' "$spool/d" "$dir/d.pid" "$dir/d.log" >> "$dir/slurm.conf"
fi
cat >> "$dir/slurm.conf" <<CONF
NodeName=localhost CPUs=$(nproc) RealMemory=8000 Gres=gpu:2 State=UNKNOWN
PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
printf 'Name=gpu File=%s\n' "$gpus" > "$dir/gres.conf"
export SLURM_CONF=$dir/slurm.conf
if ! pgrep -x munged >/dev/null; then
  mkdir -p /run/munge; chown munge:munge /run/munge 2>/dev/null
  [ -f /etc/munge/munge.key ] || mungekey -c >/dev/null 2>&1
  setsid munged --force >/dev/null 2>&1 < /dev/null
fi
setsid slurmctld -f "$SLURM_CONF" < /dev/null >/dev/null 2>&1
if [ -z "$why" ]; then
  setsid slurmd -f "$SLURM_CONF" -N localhost < /dev/null >/dev/null 2>&1
  for n in 1 2; do
    # nsenter, not ip netns exec: that one mounts a sysfs of its own, hiding /sys/fs/cgroup from slurmd
    setsid nsenter --net="/run/netns/$ns-n$n" slurmd -f "$SLURM_CONF" -N n$n < /dev/null >/dev/null 2>&1
  done
else
  setsid slurmd -f "$SLURM_CONF" < /dev/null >/dev/null 2>&1
fi
for _ in $(seq 60); do sinfo -h -p main -o %T 2>/dev/null | grep -q idle && break; sleep 0.5; done
if ! sinfo -h -p main -o %T 2>/dev/null | grep -q idle; then
  echo "the Slurm test cluster in $dir did not come up; see $dir/ctld.log and $dir/d*.log" >&2
  stop; exit 1
fi
if [ -z "$why" ]; then
  for _ in $(seq 40); do [ "$(sinfo -h -p two -o '%T %D' 2>/dev/null)" = "idle 2" ] && break; sleep 0.5; done
  if [ "$(sinfo -h -p two -o '%T %D' 2>/dev/null)" = "idle 2" ]; then
    echo up > "$dir/two-nodes"
  else
    echo "nodes n1 and n2 in network namespaces did not come up ($(sinfo -h -p two -o '%T %D' 2>/dev/null | tr '\n' ' ')); see $dir/d-n1.log" > "$dir/two-nodes"
  fi
fi
echo "SLURM_CONF=$SLURM_CONF"
