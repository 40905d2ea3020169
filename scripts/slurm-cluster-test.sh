#!/usr/bin/env bash
# Real-cluster test of `ablations slurm submit|status` (issue #9): installs Debian's Slurm 22.05,
# munge and jq if missing, starts a private single-node cluster on loopback in a temporary folder,
# and checks, on a two-spec subset of the `ci` suite (an MAE-pretrained ViT row, so the shared
# pretraining job and its afterok dependency are exercised, and a row without MAE):
#   A. the array's records (as copied into the merged report) have exactly the metrics of the
#      same specs and seed run locally with `ablations run`;
#   B. a killed array task is reported failed, and submitting again reruns only that job;
#   C. a task that fails (its run folder is unusable) is reported failed with its log and
#      `slurm status` exits non-zero.
# Prints `N passed, N failed` and exits non-zero on any failure; always stops the daemons.
# Usage: scripts/slurm-cluster-test.sh   (as root, or a user who may run apt-get and the daemons)
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
passed=0 failed=0
say() { printf '[%4ds] %s\n' $(($(date +%s) - started)) "$*"; }
check() {  # check "what" command…: one PASS/FAIL line
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); say "PASS  $what"; else failed=$((failed + 1)); say "FAIL  $what"; fi
}
die() { say "FAIL  $*"; failed=$((failed + 1)); exit 1; }

# --- packages ---------------------------------------------------------------------------------
packages="slurmctld slurmd slurm-client munge jq"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null || ! command -v jq >/dev/null; then
    say "installing $packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq $packages >/dev/null \
        || { apt-get update -qq && apt-get install -y -qq $packages >/dev/null; } \
        || { echo "cannot install Slurm"; echo "0 passed, 1 failed"; exit 1; }
fi

# --- build (the flags of scripts/test.sh, so after it this is a no-op) --------------------------
say "building ablations (release)"
swift build -c release -Xswiftc -enable-testing >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
ablations="$(swift build -c release -Xswiftc -enable-testing --show-bin-path)/ablations"

# --- cluster --------------------------------------------------------------------------------------
work=$(mktemp -d /tmp/birdlab-slurm.XXXXXX)
chmod 755 "$work"
export SLURM_CONF=$work/slurm.conf
stop_cluster() {
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    done
    sleep 1
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
        [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
    done
}
finish() {
    local status=$?
    stop_cluster
    if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then
        say "kept for inspection: $work (logs in $work/log and $work/runs/slurm)"
        [ "$failed" -eq 0 ] && failed=1
    else
        rm -rf "$work"
    fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
trap finish EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log"
chmod 700 "$work/munge" "$work/state"
chmod 755 "$work/spool"
mungekey --create --keyfile="$work/munge/munge.key" >/dev/null 2>&1 \
    || dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --socket="$work/munge/socket" --key-file="$work/munge/munge.key" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/log/munged.log" --seed-file="$work/munge/seed" || die "munged did not start"
host=$(hostname -s)
node=$(slurmd -C | head -1 | sed -e "s/^NodeName=[^ ]* //" -e 's/ *UpTime.*//')
port=$((20000 + RANDOM % 20000))
cat >"$SLURM_CONF" <<EOF
ClusterName=birdlab
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 $node State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -f "$SLURM_CONF" || die "slurmctld did not start"
slurmd -f "$SLURM_CONF" -N "$host" || die "slurmd did not start"
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 0.5; done
sinfo -h -o %T 2>/dev/null | grep -q idle || die "the node did not come up (see $work/log)"
say "cluster up: $host, $(echo "$node" | grep -o 'CPUs=[0-9]*'), port $port"

# --- helpers --------------------------------------------------------------------------------------
runs=$work/runs
submit() {  # submit ARGS…: `ablations slurm submit` into $runs; prints its output
    "$ablations" slurm submit --suite ci --runs "$runs" --reports "$work/report" --cpus-per-task 1 --mem 2G "$@"
}
wait_queue() {  # until the queue is empty (every stage of every submission has left it), at most $1 s
    local deadline=$(($(date +%s) + $1))
    while [ -n "$(squeue -h -o %i)" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || { say "queue still busy after $1 s"; squeue; return 1; }
        sleep 1
    done
}
latest() { ls -d "$runs"/slurm/ci/submission-* | tail -1; }
manifest_jobs() { jq -r '.jobs[] | "\(.spec)/\(.seed)"' "$(latest)/manifest.json" | paste -sd' '; }
quiet() { "$@" >/dev/null 2>&1; }
results() { jq -S '.results' "$1"; }  # the final metrics of a record
record() { echo "$1/ci/$2/seed-$3/record.json"; }

# Specs: the first MAE-pretrained ViT row and the first row without MAE pretraining.
specs=$("$ablations" list --suite ci --json)
mae=$(jq -r '[.[] | select(.model.vit.pretraining.mae != null)][0].name' <<<"$specs")
plain=$(jq -r '([.[] | select(.model.vit != null and .model.vit.pretraining.mae == null)] + [.[] | select(.model.vit.pretraining.mae == null)])[0].name' <<<"$specs")
[ "$mae" != null ] && [ "$plain" != null ] || die "ci suite has no MAE row and no plain row: $(jq -r '.[].name' <<<"$specs" | paste -sd,)"
say "specs: $mae (MAE-pretrained: shared job) and $plain"

# --- A. cluster = local ---------------------------------------------------------------------------
say "A. submit $mae, $plain seed 0"
submit --spec "$mae" --spec "$plain" --seed 0 || die "submit"
wait_queue 400 || die "A did not finish"
"$ablations" slurm status --runs "$runs"
check "A: slurm status exits 0 with every job done" quiet "$ablations" slurm status --runs "$runs"
check "A: the shared job pretrained the MAE encoder once" \
    test "$(ls -d "$runs"/ci/shared/mae-*/seed-0 2>/dev/null | wc -l)" -eq 1
check "A: the report job wrote the merged report" test -f "$work/report/README.md"
say "A. the same specs and seed locally"
for spec in "$mae" "$plain"; do
    "$ablations" run --suite ci --spec "$spec" --seed 0 --runs "$work/local" --threads 1 2>&1 | grep -E "done in|error" || die "local $spec"
done
for spec in "$mae" "$plain"; do
    merged=$work/report/records/ci/$spec/seed-0/record.json
    check "A: $spec seed 0 metrics in the merged report = local run" \
        cmp -s <(results "$merged") <(results "$(record "$work/local" "$spec" 0)")
    say "  $spec seed 0, $(jq -r '.[0] | "\(.set) @\(.thresholds): samples F1 \(.metrics.samplesF1), micro F1 \(.metrics.microF1)"' <(results "$merged")) (merged report)"
done

# --- B. a killed task is the only one that runs again ----------------------------------------------
say "B. submit seed 1, kill the $plain task mid-run"
submit --spec "$mae" --spec "$plain" --seed 1 || die "submit"
array=$(jq -r '.jobIDs.array' "$(latest)/manifest.json")
task=$(jq -r --arg s "$plain" '[.jobs[].spec] | index($s)' "$(latest)/manifest.json")
for _ in $(seq 300); do grep -q "^epoch 1/.*train loss" "$(latest)/logs/task-$task.log" 2>/dev/null && break; sleep 1; done
scancel "${array}_$task"
say "B. cancelled array task ${array}_$task"
wait_queue 400 || die "B did not finish"
"$ablations" slurm status --runs "$runs"
"$ablations" slurm status --runs "$runs" >/dev/null
check "B: slurm status exits non-zero after the kill" test $? -ne 0
check "B: slurm status names the killed job failed" \
    bash -c "'$ablations' slurm status --runs '$runs' | grep -q '$plain seed 1 *failed'"
before=$(for s in "$mae/0" "$plain/0" "$mae/1"; do sha256sum "$(record "$runs" "${s%/*}" "${s#*/}")"; done)
say "B. submit again"
submit --spec "$mae" --spec "$plain" --seed 0 --seed 1 || die "resubmit"
check "B: the resubmission holds only the killed job ($(manifest_jobs))" test "$(manifest_jobs)" = "$plain/1"
wait_queue 400 || die "B resubmission did not finish"
"$ablations" slurm status --runs "$runs"
check "B: slurm status exits 0 after the resubmission" quiet "$ablations" slurm status --runs "$runs"
check "B: the other records were not rewritten" test "$before" = "$(for s in "$mae/0" "$plain/0" "$mae/1"; do sha256sum "$(record "$runs" "${s%/*}" "${s#*/}")"; done)"
check "B: the killed job has its record now" test -f "$(record "$runs" "$plain" 1)"

# --- C. a failing task is detected ---------------------------------------------------------------
say "C. submit $plain seed 2 with its run folder blocked by a file"
mkdir -p "$runs/ci/$plain" && echo "not a folder" >"$runs/ci/$plain/seed-2"
submit --spec "$plain" --seed 2 || die "submit"
wait_queue 400 || die "C did not finish"
status_output=$("$ablations" slurm status --runs "$runs")
status_code=$?
echo "$status_output"
check "C: slurm status exits non-zero when a task fails" test "$status_code" -ne 0
check "C: the failed job is reported with its exit status and log" \
    grep -qE "$plain seed 2 +failed \(exit status [1-9][0-9]*\)  log: $(latest)/logs/task-0.log" <<<"$status_output"
check "C: the log holds the task's error" grep -qi "error" "$(latest)/logs/task-0.log"
say "done in $(($(date +%s) - started)) s"
