package dev.tincan.session;

/**
 * A run on a daemon thread of its own: started once, ended early by interrupting it, and
 * waited for with a bound. What a repeat, a sequence run and a file send have in common;
 * each says in its own words what its run does and how it ends.
 */
abstract class Job {
    private final Thread thread;

    /** A job whose thread is called {@code name}; nothing runs before {@link #start()}. */
    Job(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts the run on its own thread. */
    public void start() {
        thread.start();
    }

    /** Whether the run has started and not yet finished. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Whether the run has started and ended; false before {@link #start()}. */
    public boolean hasFinished() {
        return thread.getState() == Thread.State.TERMINATED;
    }

    /** Waits up to {@code millis} for the run to end; true when it has. */
    public boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    /** Wakes the run from any wait, so it can see it was asked to end. Safe from any thread. */
    final void interrupt() {
        thread.interrupt();
    }

    /** The run itself, on the job's thread; it tells its listener how it ended. */
    abstract void run();
}
