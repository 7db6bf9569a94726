// Node flags for a process that runs the core on a worker thread: the server
// (`npm start`: each job's worker runs in it) and the bench's core runs, which
// measure the core as a job runs it.
//
// --v8-pool-size=0 lets Node size V8's background pool (the optimizing
// compiler's and the garbage collector's helper threads) to the machine, one
// thread fewer than its cores, instead of a fixed 4. On a 2-core machine four
// helper threads compiling the core's code while it starts compete with the
// core's own thread for the two cores: the bench's 1M-row file took 891-935 ms
// with the default and 841-906 ms with this flag, eight paired runs. The CLI
// keeps the default: its two range workers gain nothing from it.
export const CORE_PROCESS_FLAGS = ["--v8-pool-size=0"];
