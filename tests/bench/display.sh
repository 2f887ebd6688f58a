# Sourced by run.sh and memory.sh (never run): the benchmark's display, one
# Xvfb at 1920x1080 ($DISPLAY, $XPID; the caller's trap kills it), a private
# Mesa shader cache under $WORK, and val KEY, which reads the last "KEY value"
# line of a benchmark's output on stdin.
export DISPLAY=:$((600 + RANDOM % 300))
Xvfb "$DISPLAY" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
export MESA_SHADER_CACHE_DIR=$WORK/mesa
val() { sed -n "s/^$1 //p" | tail -1; }
