<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>GIL always on (a standard build, not free-threaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free-threaded build, GIL switched on at run time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free-threaded build, GIL off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PySide6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch Python concurrency happen: processes, threads, locks, the GIL, coroutines and task queues, from real runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Concurrency Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Concurrency Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export timeline as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export trace as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run or stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous lesson</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Export timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a lesson first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonList</name>
    <message>
        <source>{title} (not on this system)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Wait-for graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIL close-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-thread values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock: holding and waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Starting the CPU graphs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶  Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the lesson (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the lesson (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a lesson and press Run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting {lesson}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running {lesson} (PID {pid})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no process left behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still running: {pids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the lesson before closing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>catalog</name>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributed processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coroutines and async IO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fork(): one call, two returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a Process and join() it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how long the child works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pool of worker processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker processes in the pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks submitted to the pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed of the random task lengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Queue: writer → reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated values the writer puts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most this many seconds between two puts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Pipe: messages both ways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages sent each way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fork, spawn, forkserver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass the child a picklable argument, or one spawn cannot pickle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MainThread and a LoopThread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how many times LoopThread counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds between two counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A race on a shared balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the textbook code, a switch point between read and write, or a Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deposits and withdrawals per thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One Lock, several threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads that share the lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updates each thread makes under the lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlock: two locks, opposite order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the locks in opposite order, in one order, or with a timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GIL: N threads, one core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the busy loops in threads or processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how long each worker spins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sys.setswitchinterval, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threading.local() per thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated: one thread per name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task queue over the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numbers the manager puts in the task queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workers started on this machine (0: only the ones you start yourself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address the manager listens on: 127.0.0.1 is this machine only, 0.0.0.0 lets other machines in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the port it listens on (0: a free one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how long the manager waits for a result once its own workers are done (time to start workers elsewhere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A worker with the wrong key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workers with the right key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A worker dies holding a task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workers; the first one is killed at its 2nd task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generators: send() and yield</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items the producer makes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gevent: greenlets take turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run without yielding, or gevent.sleep(0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greenlets spawned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gevent: waiting for I/O together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds the local server waits, per URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asyncio: two tasks, one loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds each coroutine awaits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asyncio: slow servers, one thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds each local server waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>async/await and the old syntax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An aiohttp server and N clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handlers that await, or that block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests sent at the same time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
