#!/bin/bash
# Starts or stops a one-node Slurm test cluster (Debian's slurm-wlm + munge) in a folder of its own,
# with 2 emulated GPUs (gres.conf over placeholder device files), for the Slurm executor's tests.
#   scripts/slurm-cluster.sh start <dir>   prints SLURM_CONF=<dir>/slurm.conf when the node is idle
#   scripts/slurm-cluster.sh stop <dir>
# Needs root (slurmd runs jobs as their users). Ports: SLURM_TEST_PORT (default 26917) and the next one.
set -u
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop <dir>" >&2; exit 2; }
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
port=${SLURM_TEST_PORT:-26917}

stop() {
  for f in "$dir/d.pid" "$dir/ctld.pid"; do
    if [ -f "$f" ]; then
      pid=$(cat "$f"); kill "$pid" 2>/dev/null
      for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      rm -f "$f"
    fi
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
mkdir -p "$dir/ctld" "$dir/d"
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
SlurmdSpoolDir=$dir/d
SlurmctldPidFile=$dir/ctld.pid
SlurmdPidFile=$dir/d.pid
SlurmctldLogFile=$dir/ctld.log
SlurmdLogFile=$dir/d.log
JobAcctGatherType=jobacct_gather/none
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
setsid slurmd -f "$SLURM_CONF" < /dev/null >/dev/null 2>&1
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 0.5; done
if ! sinfo -h -o %T 2>/dev/null | grep -q idle; then
  echo "the Slurm test cluster in $dir did not come up; see $dir/ctld.log and $dir/d.log" >&2
  stop; exit 1
fi
echo "SLURM_CONF=$SLURM_CONF"
