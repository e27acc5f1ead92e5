<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>GIL always on (a standard build, not free-threaded)</source>
        <translation>GIL 始终开启（标准构建，非自由线程）</translation>
    </message>
    <message>
        <source>free-threaded build, GIL switched on at run time</source>
        <translation>自由线程构建，运行时开启了 GIL</translation>
    </message>
    <message>
        <source>free-threaded build, GIL off</source>
        <translation>自由线程构建，GIL 关闭</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>GIL</source>
        <translation>GIL</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>PySide6</source>
        <translation>PySide6</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Watch Python concurrency happen: processes, threads, locks, the GIL, coroutines and task queues, from real runs.</source>
        <translation>亲眼看到 Python 并发如何发生：进程、线程、锁、GIL、协程和任务队列，全部来自真实运行。</translation>
    </message>
    <message>
        <source>About Concurrency Lab</source>
        <translation>关于 Concurrency Lab</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Concurrency Lab</source>
        <translation>关于 Concurrency Lab</translation>
    </message>
    <message>
        <source>Export timeline as PNG…</source>
        <translation>导出时间线为 PNG…</translation>
    </message>
    <message>
        <source>Export timeline as SVG…</source>
        <translation>导出时间线为 SVG…</translation>
    </message>
    <message>
        <source>Export what is on screen</source>
        <translation>导出当前屏幕内容</translation>
    </message>
    <message>
        <source>Export window as PNG…</source>
        <translation>导出窗口为 PNG…</translation>
    </message>
    <message>
        <source>Export trace as JSON…</source>
        <translation>导出跟踪文件为 JSON…</translation>
    </message>
    <message>
        <source>Export CPU samples as CSV…</source>
        <translation>导出 CPU 采样为 CSV…</translation>
    </message>
    <message>
        <source>Folder for quick exports…</source>
        <translation>快速导出文件夹…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Run lesson</source>
        <translation>运行课程</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run or stop</source>
        <translation>运行或停止</translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation>下一课</translation>
    </message>
    <message>
        <source>Previous lesson</source>
        <translation>上一课</translation>
    </message>
    <message>
        <source>Check this computer…</source>
        <translation>检查这台电脑…</translation>
    </message>
    <message>
        <source>Pin this run for comparison</source>
        <translation>固定本次运行以供比较</translation>
    </message>
    <message>
        <source>Compare with the pinned run</source>
        <translation>与固定的运行比较</translation>
    </message>
    <message>
        <source>Ask the class first</source>
        <translation>先向全班提问</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>正常文字大小</translation>
    </message>
    <message>
        <source>Open trace…</source>
        <translation>打开跟踪文件…</translation>
    </message>
    <message>
        <source>Open script…</source>
        <translation>打开脚本…</translation>
    </message>
    <message>
        <source>You are the scheduler</source>
        <translation>你来当调度器</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>{lesson}: run {attempt} of {times}</source>
        <translation>{lesson}：第 {attempt} 次运行，共 {times} 次</translation>
    </message>
    <message>
        <source>install {names}: {command}</source>
        <translation>请安装 {names}：{command}</translation>
    </message>
    <message>
        <source>it did not end within {limit:g} s: close other programs and check again</source>
        <translation>它没有在 {limit:g} 秒内结束：请关闭其他程序后再检查一次</translation>
    </message>
    <message>
        <source>it {reason}: run it in the window and read its console</source>
        <translation>它{reason}：请在窗口中运行它并查看控制台</translation>
    </message>
    <message>
        <source>its claim could not be judged ({error}): report it</source>
        <translation>无法判断它的结论（{error}）：请报告此问题</translation>
    </message>
    <message>
        <source>Nothing was checked.</source>
        <translation>没有检查任何内容。</translation>
    </message>
    <message>
        <source>Every claim held in every run (%n row(s)).</source>
        <translation>每次运行中每条结论都成立（共 %n 行）。</translation>
    </message>
    <message>
        <source>{failed} of %n row(s) did not hold in every run: see what to do.</source>
        <translation>%n 行中有 {failed} 行并非每次运行都成立：请看“怎么办”一栏。</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>成立</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>怎么办</translation>
    </message>
    <message>
        <source>Check this computer</source>
        <translation>检查这台电脑</translation>
    </message>
    <message>
        <source>Before class: each lesson runs with short settings, a few times, and its claim (what the class should see) is checked on this computer. A row that did not hold says what to do.</source>
        <translation>课前检查：每节课用简短的设置运行几次，在这台电脑上检查它的结论（全班应当看到的现象）。不成立的行会说明该怎么办。</translation>
    </message>
    <message>
        <source>All lessons</source>
        <translation>全部课程</translation>
    </message>
    <message>
        <source>This lesson: {lesson}</source>
        <translation>本课：{lesson}</translation>
    </message>
    <message>
        <source>Runs of each:</source>
        <translation>每项运行次数：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%v of %m runs</source>
        <translation>已运行 %v 次，共 %m 次</translation>
    </message>
    <message>
        <source>A lesson is running in the window: stop it first, the check needs the cores to itself.</source>
        <translation>窗口中有课程正在运行：请先停止它，检查需要独占 CPU 核心。</translation>
    </message>
    <message>
        <source>Stopped; still running: {pids}</source>
        <translation>已停止；仍在运行：{pids}</translation>
    </message>
    <message>
        <source>Stopped; no process left behind.</source>
        <translation>已停止；没有遗留进程。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>(no claim to check)</source>
        <translation>（没有可检查的结论）</translation>
    </message>
    <message>
        <source>✗ {held}/{total} failed</source>
        <translation>✗ {held}/{total} 未通过</translation>
    </message>
    <message>
        <source>✓ {held}/{total} held</source>
        <translation>✓ {held}/{total} 成立</translation>
    </message>
    <message>
        <source>The computer is being checked: stop the check (Help › Check this computer) first.</source>
        <translation>正在检查这台电脑：请先停止检查（帮助 › 检查这台电脑）。</translation>
    </message>
</context>
<context>
    <name>Claims</name>
    <message>
        <source>%n downloads take about the longest wait ({longest:g} s), not all the waits added up ({added:g} s)</source>
        <translation>%n 个下载总共只用了大约最长的一次等待（{longest:g} s），而不是所有等待之和（{added:g} s）</translation>
    </message>
    <message>
        <source>run it with longer delays: starting the downloads took about as long as a wait</source>
        <translation>请把 delays 调大后再运行：启动这些下载花的时间和一次等待差不多</translation>
    </message>
    <message>
        <source>both first lines come before both second lines, and the run takes about one sleep ({sleep:g} s), in one OS thread</source>
        <translation>两个任务的第一行都在第二行之前打印，整个运行大约只用一次睡眠的时间（{sleep:g} s），全部在一个操作系统线程中</translation>
    </message>
    <message>
        <source>the tasks ran in more than one OS thread: report it</source>
        <translation>这些任务在不止一个操作系统线程中运行：请报告这个问题</translation>
    </message>
    <message>
        <source>a task went on before the other had started: report it</source>
        <translation>有任务在另一个任务开始之前就继续运行了：请报告这个问题</translation>
    </message>
    <message>
        <source>run it with a longer sleep_s: the loop&apos;s own work took about as long as a sleep</source>
        <translation>请把 sleep_s 调大后再运行：事件循环自身的工作花的时间和一次睡眠差不多</translation>
    </message>
    <message>
        <source>async/await and yield from behave the same: two hellos in about one sleep (install Python 3.10 or older to show @asyncio.coroutine too)</source>
        <translation>async/await 和 yield from 的行为相同：两个 hello 大约只用一次睡眠的时间（安装 Python 3.10 或更早的版本，就能同时演示 @asyncio.coroutine）</translation>
    </message>
    <message>
        <source>async/await, yield from and @asyncio.coroutine (Python {python}) behave the same: two hellos in about one sleep</source>
        <translation>async/await、yield from 和 @asyncio.coroutine（Python {python}）的行为相同：两个 hello 大约只用一次睡眠的时间</translation>
    </message>
    <message>
        <source>the two spellings ran differently: report it</source>
        <translation>两种写法的运行方式不同：请报告这个问题</translation>
    </message>
    <message>
        <source>@asyncio.coroutine did not finish under Python {python}: report it</source>
        <translation>@asyncio.coroutine 没有在 Python {python} 下运行完成：请报告这个问题</translation>
    </message>
    <message>
        <source>close other programs and run it again: the hellos took longer than one sleep</source>
        <translation>请关闭其他程序后再运行一次：这些 hello 用的时间比一次睡眠长</translation>
    </message>
    <message>
        <source>producer and consumer take turns, never both at once, in one OS thread</source>
        <translation>生产者和消费者轮流运行，从不同时运行，全部在一个操作系统线程中</translation>
    </message>
    <message>
        <source>the generators ran in more than one OS thread: report it</source>
        <translation>这些生成器在不止一个操作系统线程中运行：请报告这个问题</translation>
    </message>
    <message>
        <source>the turns did not alternate: report it</source>
        <translation>运行没有严格交替：请报告这个问题</translation>
    </message>
    <message>
        <source>no_sleep: each greenlet prints all its lines before the next one starts, in one OS thread</source>
        <translation>no_sleep：每个 greenlet 都先打印完自己的所有行，下一个才开始，全部在一个操作系统线程中</translation>
    </message>
    <message>
        <source>sleep0: the greenlets take turns, one line each, in one OS thread</source>
        <translation>sleep0：这些 greenlet 轮流运行，每次各打印一行，全部在一个操作系统线程中</translation>
    </message>
    <message>
        <source>the greenlets ran in more than one OS thread: report it</source>
        <translation>这些 greenlet 在不止一个操作系统线程中运行：请报告这个问题</translation>
    </message>
    <message>
        <source>the lines came in another order ({order}…): report it</source>
        <translation>这些行以另一种顺序出现（{order}…）：请报告这个问题</translation>
    </message>
    <message>
        <source>blocking: the %n requests are answered one after another, in about {total:g} s ({wait:g} s each)</source>
        <translation>blocking：这 %n 个请求一个接一个地得到应答，大约用时 {total:g} s（每个 {wait:g} s）</translation>
    </message>
    <message>
        <source>the blocking handlers overlapped: report it</source>
        <translation>阻塞的处理函数同时运行了：请报告这个问题</translation>
    </message>
    <message>
        <source>async: the %n requests are answered together, in about one handler&apos;s wait ({wait:g} s)</source>
        <translation>async：这 %n 个请求一起得到应答，大约只用一次处理函数的等待时间（{wait:g} s）</translation>
    </message>
    <message>
        <source>close other programs and run it again: the answers came late</source>
        <translation>请关闭其他程序后再运行一次：应答来得太晚</translation>
    </message>
    <message>
        <source>not every request was answered: run it again, and report it if it stays so</source>
        <translation>并非每个请求都得到了应答：请再运行一次，如果仍然如此请报告这个问题</translation>
    </message>
    <message>
        <source>the wrong key was not refused with an AuthenticationError: report it</source>
        <translation>错误的密钥没有因 AuthenticationError 被拒绝：请报告这个问题</translation>
    </message>
    <message>
        <source>the good workers did not finish every task: run it again, and report it if it stays so</source>
        <translation>正常的工作进程没有完成所有任务：请再运行一次，如果仍然如此请报告这个问题</translation>
    </message>
    <message>
        <source>the worker with the wrong key is refused with an AuthenticationError; the others finish every task</source>
        <translation>使用错误密钥的工作进程因 AuthenticationError 被拒绝；其余工作进程完成所有任务</translation>
    </message>
    <message>
        <source>a result was lost or came back twice: report it</source>
        <translation>有结果丢失或回来了两次：请报告这个问题</translation>
    </message>
    <message>
        <source>the manager announced no worker command: report it</source>
        <translation>管理进程没有给出启动工作进程的命令：请报告这个问题</translation>
    </message>
    <message>
        <source>the key is not 128 random bits: report it</source>
        <translation>密钥不是 128 位随机数：请报告这个问题</translation>
    </message>
    <message>
        <source>the manager listened beyond this machine: report it</source>
        <translation>管理进程监听了本机以外的地址：请报告这个问题</translation>
    </message>
    <message>
        <source>every result comes back exactly once; the manager listens on 127.0.0.1 with a new random key and shows the worker command</source>
        <translation>每个结果恰好回来一次；管理进程监听 127.0.0.1，使用新的随机密钥，并给出启动工作进程的命令</translation>
    </message>
    <message>
        <source>every result comes back exactly once; the manager uses a new random key and shows the worker command</source>
        <translation>每个结果恰好回来一次；管理进程使用新的随机密钥，并给出启动工作进程的命令</translation>
    </message>
    <message>
        <source>the worker was not killed: report it</source>
        <translation>工作进程没有被杀死：请报告这个问题</translation>
    </message>
    <message>
        <source>not exactly one task was lost: report it</source>
        <translation>丢失的任务不是恰好一个：请报告这个问题</translation>
    </message>
    <message>
        <source>the killed worker&apos;s task never comes back, and the lesson counts it as lost</source>
        <translation>被杀死的工作进程手上的任务永远不会回来，本课把它计为丢失</translation>
    </message>
    <message>
        <source>the child&apos;s PID is not the parent&apos;s, its parent is the parent&apos;s PID, and fork() returned 0 in it</source>
        <translation>子进程的 PID 与父进程不同，它的父进程就是父进程的 PID，并且 fork() 在子进程中返回 0</translation>
    </message>
    <message>
        <source>the child&apos;s figures did not reach the window: run it again</source>
        <translation>子进程的数据没有传到窗口：请再运行一次</translation>
    </message>
    <message>
        <source>fork() did not return as POSIX says, or the child&apos;s lane lost its parent: report it</source>
        <translation>fork() 的返回值与 POSIX 的规定不符，或者子进程的泳道丢失了父进程：请报告此问题</translation>
    </message>
    <message>
        <source>as_completed() gives every result once, in the order the tasks finish</source>
        <translation>as_completed() 按任务完成的顺序给出每个结果，每个只给一次</translation>
    </message>
    <message>
        <source>the results or the task bars did not reach the window: run it again</source>
        <translation>结果或任务条没有传到窗口：请再运行一次</translation>
    </message>
    <message>
        <source>a result came back out of finishing order: close other programs and run it again</source>
        <translation>有结果没有按完成顺序返回：请关闭其他程序后再运行一次</translation>
    </message>
    <message>
        <source>messages go both ways over one pipe, each way in the order sent</source>
        <translation>消息通过同一个管道双向传递，每个方向都保持发送顺序</translation>
    </message>
    <message>
        <source>the pipe&apos;s figures did not reach the window: run it again</source>
        <translation>管道的数据没有传到窗口：请再运行一次</translation>
    </message>
    <message>
        <source>a message was lost or came out of order: report it</source>
        <translation>有消息丢失或顺序错乱：请报告此问题</translation>
    </message>
    <message>
        <source>never more than {size} tasks at once, on at most {size} worker processes; every task runs once; a task that waits starts only when a worker is free</source>
        <translation>同时运行的任务从不超过 {size} 个，工作进程最多 {size} 个；每个任务只运行一次；排队的任务只有在有工作进程空闲时才开始</translation>
    </message>
    <message>
        <source>the pool&apos;s figures did not reach the window: run it again</source>
        <translation>进程池的数据没有传到窗口：请再运行一次</translation>
    </message>
    <message>
        <source>the pool ran more tasks at once than it has workers, or a task twice: report it</source>
        <translation>进程池同时运行的任务多于工作进程数，或有任务运行了两次：请报告此问题</translation>
    </message>
    <message>
        <source>first in, first out: each get comes after its put, in the order put; the reader is ended by terminate()</source>
        <translation>先进先出：每次 get 都在对应的 put 之后，顺序与放入时相同；读进程由 terminate() 结束</translation>
    </message>
    <message>
        <source>the reader got nothing before terminate(): close other programs, or run it with a longer delay</source>
        <translation>读进程在 terminate() 之前什么也没取到：请关闭其他程序，或用更长的 delay 运行</translation>
    </message>
    <message>
        <source>an item came out of order, before its put, or the reader was not terminated: report it</source>
        <translation>有数据项顺序错乱、早于其 put 被取出，或读进程没有被 terminate() 结束：请报告此问题</translation>
    </message>
    <message>
        <source>join() returns only after the child has ended: the parent&apos;s last line comes after the child&apos;s exit</source>
        <translation>join() 要等子进程结束后才返回：父进程的最后一行在子进程退出之后</translation>
    </message>
    <message>
        <source>the child&apos;s exit or the join() wait is missing from the timeline: run it again</source>
        <translation>时间线上缺少子进程的退出或 join() 的等待：请再运行一次</translation>
    </message>
    <message>
        <source>join() returned before the child had ended: report it</source>
        <translation>join() 在子进程结束前就返回了：请报告此问题</translation>
    </message>
    <message>
        <source>every start method starts the child; spawn and forkserver children import the module again, a fork child does not</source>
        <translation>每种启动方式都能启动子进程；spawn 和 forkserver 的子进程会重新导入模块，fork 的子进程不会</translation>
    </message>
    <message>
        <source>a child did not start, or imported the module when it should not have: report it</source>
        <translation>有子进程没有启动，或在不该导入模块时导入了模块：请报告此问题</translation>
    </message>
    <message>
        <source>a lambda cannot be pickled: spawn and forkserver refuse it with a clear message, fork runs it</source>
        <translation>lambda 无法被 pickle：spawn 和 forkserver 会明确报错拒绝它，fork 则能运行它</translation>
    </message>
    <message>
        <source>a start method passed the lambda on, or failed without saying why: report it</source>
        <translation>有启动方式把 lambda 传了过去，或失败时没有说明原因：请报告此问题</translation>
    </message>
    <message>
        <source>processes finish at least {speed} faster than threads, and faster than sequential; threads and asyncio are no faster than sequential</source>
        <translation>processes 的速度至少是 threads 的 {speed}，也比 sequential 快；threads 和 asyncio 不比 sequential 快</translation>
    </message>
    <message>
        <source>close other programs: the processes model needs %n free core(s)</source>
        <translation>请关闭其他程序：processes 模型需要 %n 个空闲核心</translation>
    </message>
    <message>
        <source>close other programs and run it again, or with a larger size: longer jobs outweigh starting the processes</source>
        <translation>请关闭其他程序后再运行一次，或者把 size 调大：任务越长，启动进程的开销就越不显眼</translation>
    </message>
    <message>
        <source>every concurrent model takes about one wait ({low:g} s), sequential about their sum ({high:g} s)</source>
        <translation>每种并发模型大约只用一次等待的时间（{low:g} s），顺序执行则大约是所有等待之和（{high:g} s）</translation>
    </message>
    <message>
        <source>run it with a longer delay_ms: starting the models took longer than one wait</source>
        <translation>请把 delay_ms 调大后再运行：启动这些模型花的时间比一次等待还长</translation>
    </message>
    <message>
        <source>two lanes named MainThread and LoopThread; MainThread ends last, because join() waits for LoopThread</source>
        <translation>两条泳道，分别名为 MainThread 和 LoopThread；MainThread 最后结束，因为 join() 会等待 LoopThread</translation>
    </message>
    <message>
        <source>the threads&apos; lanes are missing: report it</source>
        <translation>线程的泳道缺失：请报告这个问题</translation>
    </message>
    <message>
        <source>LoopThread outlived MainThread: report it</source>
        <translation>LoopThread 比 MainThread 结束得晚：请报告这个问题</translation>
    </message>
    <message>
        <source>deadlock: the app finds the cycle, each thread holding the lock the other waits for</source>
        <translation>deadlock：程序找到了等待环，每个线程都持有另一个线程在等待的锁</translation>
    </message>
    <message>
        <source>the app found no deadlock: report it</source>
        <translation>程序没有发现死锁：请报告这个问题</translation>
    </message>
    <message>
        <source>ordered: both threads get both locks and finish</source>
        <translation>ordered：两个线程都拿到了两把锁并运行结束</translation>
    </message>
    <message>
        <source>the threads did not both finish: report it</source>
        <translation>两个线程没有都运行结束：请报告这个问题</translation>
    </message>
    <message>
        <source>timeout: a thread gives up, tries again later, and both finish</source>
        <translation>timeout：有线程放弃等待、稍后重试，最终两个线程都运行结束</translation>
    </message>
    <message>
        <source>no thread gave up this time: run it again</source>
        <translation>这次没有线程放弃等待：请再运行一次</translation>
    </message>
    <message>
        <source>processes: the workers run at the same time, on about %n core(s)</source>
        <translation>processes：各工作进程同时运行，大约用上 %n 个核心</translation>
    </message>
    <message>
        <source>close other programs: the processes variant needs %n free core(s)</source>
        <translation>请关闭其他程序：processes 变体需要 %n 个空闲核心</translation>
    </message>
    <message>
        <source>the processes took turns on the cores: run it with more seconds</source>
        <translation>这些进程在核心上轮流运行了：请把 seconds 调大后再运行</translation>
    </message>
    <message>
        <source>threads: one at a time, taking turns about every {interval:g} ms</source>
        <translation>threads：一次只有一个线程运行，大约每 {interval:g} ms 轮换一次</translation>
    </message>
    <message>
        <source>close other programs: the threads variant needs a free core</source>
        <translation>请关闭其他程序：threads 变体需要一个空闲核心</translation>
    </message>
    <message>
        <source>the threads ran at the same time: is the GIL off in this Python?</source>
        <translation>这些线程同时运行了：这个 Python 是不是关闭了 GIL？</translation>
    </message>
    <message>
        <source>the turns were not near the switch interval: close other programs and run it again</source>
        <translation>轮换周期与切换间隔相差较大：请关闭其他程序后再运行一次</translation>
    </message>
    <message>
        <source>each thread reads back its own student, through threading.local and through the global dict; MainThread has none</source>
        <translation>每个线程读回的都是自己的 student，无论通过 threading.local 还是全局字典；MainThread 没有 student</translation>
    </message>
    <message>
        <source>a thread&apos;s reads are missing: report it</source>
        <translation>有线程的读取结果缺失：请报告这个问题</translation>
    </message>
    <message>
        <source>a thread saw another thread&apos;s student: report it</source>
        <translation>有线程读到了另一个线程的 student：请报告这个问题</translation>
    </message>
    <message>
        <source>one thread at a time holds the lock, and each wait ends when another thread lets go of it</source>
        <translation>同一时刻只有一个线程持有锁，每次等待都在另一个线程释放锁时结束</translation>
    </message>
    <message>
        <source>the Lock let an update through: report it</source>
        <translation>锁放过了一次更新：请报告这个问题</translation>
    </message>
    <message>
        <source>the timeline is missing holds of the lock: report it</source>
        <translation>时间线上缺少锁的持有段：请报告这个问题</translation>
    </message>
    <message>
        <source>two threads held the lock at once: report it</source>
        <translation>两个线程同时持有了锁：请报告这个问题</translation>
    </message>
    <message>
        <source>a wait ended while nobody let go of the lock: report it</source>
        <translation>有一次等待在没有任何线程释放锁时就结束了：请报告这个问题</translation>
    </message>
    <message>
        <source>no thread had to wait: run it with more workers</source>
        <translation>没有线程需要等待：请把 workers 调大后再运行</translation>
    </message>
    <message>
        <source>locked: the balance ends at 0</source>
        <translation>locked：余额以 0 结束</translation>
    </message>
    <message>
        <source>widened: updates are lost</source>
        <translation>widened：更新丢失了</translation>
    </message>
    <message>
        <source>run it with more iterations</source>
        <translation>用更多的迭代次数运行</translation>
    </message>
    <message>
        <source>naive on {python}: the textbook race loses updates</source>
        <translation>{python} 上的 naive：教科书里的竞争丢失了更新</translation>
    </message>
    <message>
        <source>run it again, or with more iterations</source>
        <translation>再运行一次，或者用更多的迭代次数</translation>
    </message>
    <message>
        <source>naive on {python}: the balance ends at 0 (install CPython 3.9 to show the textbook race)</source>
        <translation>{python} 上的 naive：余额以 0 结束（安装 CPython 3.9 才能演示教科书里的竞争）</translation>
    </message>
    <message>
        <source>this CPython switched inside balance = balance + n: say so in class, it is the free-threaded case</source>
        <translation>这个 CPython 在 balance = balance + n 内部切换了线程：请在课上说明，这就是自由线程的情形</translation>
    </message>
</context>
<context>
    <name>CodeEditor</name>
    <message>
        <source>✎ Edit</source>
        <translation>✎ 编辑</translation>
    </message>
    <message>
        <source>Change the lesson&apos;s code, then press Run to run your version (Alt+E)</source>
        <translation>修改本课的代码，然后按“运行”来运行你的版本（Alt+E）</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>你的版本</translation>
    </message>
    <message>
        <source>Run starts your version of this lesson, not the textbook&apos;s</source>
        <translation>“运行”会启动你修改的版本，而不是课本上的代码</translation>
    </message>
    <message>
        <source>Back to the textbook</source>
        <translation>回到课本</translation>
    </message>
    <message>
        <source>Run the textbook&apos;s code again; your edit is kept once: Restore my edit brings it back</source>
        <translation>重新运行课本上的代码；你的修改会保留一份：“恢复我的修改”可以找回</translation>
    </message>
    <message>
        <source>Restore my edit</source>
        <translation>恢复我的修改</translation>
    </message>
    <message>
        <source>You edit {file}, the lesson&apos;s main file; the other files run as they are.</source>
        <translation>你修改的是本课的主文件 {file}；其他文件按原样运行。</translation>
    </message>
    <message>
        <source>Your version cannot be kept: {error}</source>
        <extracomment>(pattern, colour key of the theme&apos;s ``code`` table, bold, italic), applied in this order</extracomment>
        <translation>无法保存你的版本：{error}</translation>
    </message>
    <message>
        <source>Your version: {file}</source>
        <translation>你的版本：{file}</translation>
    </message>
    <message>
        <source>Running your version of {lesson} under Python {version} (PID {pid})</source>
        <translation>正在用 Python {version} 运行你的 {lesson} 版本（PID {pid}）</translation>
    </message>
    <message>
        <source>Your version of {lesson}: {how}</source>
        <translation>你的 {lesson} 版本：{how}</translation>
    </message>
    <message>
        <source>Your version reported no figures (it does not call probe.result), so there is no result to judge: the timeline shows what ran.</source>
        <translation>你的版本没有报告任何数据（它没有调用 probe.result），所以无法判断结果：时间线显示了实际运行的情况。</translation>
    </message>
    <message>
        <source>Your version failed: {how}. The console shows its errors.</source>
        <translation>你的版本运行失败：{how}。控制台显示了它的错误。</translation>
    </message>
    <message>
        <source>Your version failed on line {line}: {error}</source>
        <translation>你的版本在第 {line} 行出错：{error}</translation>
    </message>
    <message>
        <source>Your version has a syntax error on line {line}: {error}. Nothing was run.</source>
        <translation>你的版本第 {line} 行有语法错误：{error}。没有运行任何代码。</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>Run a lesson to the end first, then pin it.</source>
        <translation>请先把一个课程运行到结束，再固定它。</translation>
    </message>
    <message>
        <source>Pinned: {run}. Run another, then Run › Compare with the pinned run (Ctrl+Shift+K).</source>
        <translation>已固定：{run}。再运行一次，然后选择 运行 › 与固定的运行比较（Ctrl+Shift+K）。</translation>
    </message>
    <message>
        <source>Pin a finished run first (Run › Pin this run, Ctrl+K).</source>
        <translation>请先固定一次已完成的运行（运行 › 固定此次运行，Ctrl+K）。</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>墙钟时间</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Compare two runs</source>
        <translation>比较两次运行</translation>
    </message>
    <message>
        <source>Export comparison as PNG…</source>
        <translation>将比较结果导出为 PNG…</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Pinned: {run}. Run another lesson or variant to compare.</source>
        <translation>已固定：{run}。运行另一个课程或变体以进行比较。</translation>
    </message>
    <message>
        <source>{wall:.2f} s · Python {python}</source>
        <translation>{wall:.2f} s · Python {python}</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>导出比较结果</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>CompareRows</name>
    <message>
        <source>all downloads done in</source>
        <translation>全部下载完成用时</translation>
    </message>
    <message>
        <source>the longest wait</source>
        <translation>最长的一次等待</translation>
    </message>
    <message>
        <source>all the waits added up</source>
        <translation>所有等待时间之和</translation>
    </message>
    <message>
        <source>total time</source>
        <translation>总用时</translation>
    </message>
    <message>
        <source>the old syntax (yield from)</source>
        <translation>旧语法（yield from）</translation>
    </message>
    <message>
        <source>the Python that ran @asyncio.coroutine</source>
        <translation>运行 @asyncio.coroutine 的 Python</translation>
    </message>
    <message>
        <source>hand-overs of control</source>
        <translation>控制权交接次数</translation>
    </message>
    <message>
        <source>OS threads</source>
        <translation>操作系统线程数</translation>
    </message>
    <message>
        <source>order of the lines</source>
        <translation>各行的顺序</translation>
    </message>
    <message>
        <source>requests answered</source>
        <translation>得到应答的请求</translation>
    </message>
    <message>
        <source>all answered in</source>
        <translation>全部应答用时</translation>
    </message>
    <message>
        <source>fork() returned in the parent</source>
        <translation>fork() 在父进程中的返回值</translation>
    </message>
    <message>
        <source>fork() returned in the child</source>
        <translation>fork() 在子进程中的返回值</translation>
    </message>
    <message>
        <source>the child&apos;s exit code</source>
        <translation>子进程的退出码</translation>
    </message>
    <message>
        <source>pings the child got</source>
        <translation>子进程收到的 ping</translation>
    </message>
    <message>
        <source>pongs the parent got</source>
        <translation>父进程收到的 pong</translation>
    </message>
    <message>
        <source>completion order</source>
        <translation>完成的顺序</translation>
    </message>
    <message>
        <source>worker processes</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <source>most tasks at once</source>
        <translation>最多同时运行的任务数</translation>
    </message>
    <message>
        <source>tasks that waited for a worker</source>
        <translation>等待工作进程的任务数</translation>
    </message>
    <message>
        <source>the writer put</source>
        <translation>写进程放入</translation>
    </message>
    <message>
        <source>the reader got</source>
        <translation>读进程取到</translation>
    </message>
    <message>
        <source>the reader&apos;s exit code</source>
        <translation>读进程的退出码</translation>
    </message>
    <message>
        <source>join() waited</source>
        <translation>join() 等待时间</translation>
    </message>
    <message>
        <source>{method}: start() to the child&apos;s first line</source>
        <translation>{method}：从 start() 到子进程执行第一行</translation>
    </message>
    <message>
        <source>cannot pickle the argument</source>
        <translation>无法 pickle 该参数</translation>
    </message>
</context>
<context>
    <name>CoresView</name>
    <message>
        <source>core {core}</source>
        <translation>核心 {core}</translation>
    </message>
    <message>
        <source>core {core}: {percent} %</source>
        <translation>核心 {core}：{percent} %</translation>
    </message>
    <message>
        <source>Lesson processes: 1 process, {cores:.1f} cores busy</source>
        <translation>课程进程：1 个，占用 {cores:.1f} 核</translation>
    </message>
    <message>
        <source>Lesson processes: {count} processes, {cores:.1f} cores busy</source>
        <translation>课程进程：{count} 个，占用 {cores:.1f} 核</translation>
    </message>
    <message>
        <source>CPU cores: % busy, last {seconds} s</source>
        <translation>CPU 核心：忙碌百分比，最近 {seconds} s</translation>
    </message>
    <message>
        <source>Whole machine vs. this lesson ({cores} cores)</source>
        <translation>整台机器与本课（{cores} 核）</translation>
    </message>
    <message>
        <source>cores busy</source>
        <translation>忙碌核数</translation>
    </message>
    <message>
        <source>{seconds} s ago</source>
        <translation>{seconds} 秒前</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Lesson processes: none</source>
        <translation>课程进程：无</translation>
    </message>
    <message>
        <source>machine</source>
        <translation>整台机器</translation>
    </message>
    <message>
        <source>this lesson</source>
        <translation>本课</translation>
    </message>
</context>
<context>
    <name>DeadlockPanel</name>
    <message>
        <source>No thread is waiting for a lock right now.</source>
        <translation>当前没有线程在等待锁。</translation>
    </message>
    <message>
        <source>waits for</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>waits ≤ {seconds} s for</source>
        <translation>最多等待 {seconds} s</translation>
    </message>
    <message>
        <source>held by</source>
        <translation>被持有</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the threads of a cycle</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>{thread} holds {held} and waits for {wanted}</source>
        <translation>{thread} 持有 {held}，等待 {wanted}</translation>
    </message>
    <message>
        <source>Deadlock: {steps}</source>
        <translation>死锁：{steps}</translation>
    </message>
    <message>
        <source>Waiting in a circle: {steps}</source>
        <translation>循环等待：{steps}</translation>
    </message>
    <message>
        <source>No deadlock: both threads got both locks and finished, after giving up %n time(s).</source>
        <translation>没有死锁：两个线程都拿到了两把锁并完成了，其间放弃过 %n 次。</translation>
    </message>
    <message>
        <source>deadlock</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>threads finished</source>
        <translation>完成的线程</translation>
    </message>
    <message>
        <source>times a thread gave up and retried</source>
        <translation>线程放弃并重试的次数</translation>
    </message>
    <message>
        <source>Press Run: this tab draws which thread waits for which lock.</source>
        <translation>按“运行”：此标签页会画出哪个线程在等待哪把锁。</translation>
    </message>
    <message>
        <source>■  Stop the lesson</source>
        <translation>■  停止本课</translation>
    </message>
    <message>
        <source>Watching the locks…</source>
        <translation>正在观察锁…</translation>
    </message>
    <message>
        <source>Deadlock since {seconds} s: each thread waits for a lock that the next one holds. Nothing will ever change.</source>
        <translation>自 {seconds} s 起死锁：每个线程都在等待下一个线程持有的锁。局面永远不会改变。</translation>
    </message>
    <message>
        <source>Watching the locks… no cycle so far.</source>
        <translation>正在观察锁…目前没有循环。</translation>
    </message>
    <message>
        <source>{deadlock}. The threads would have waited for ever; stopping the program was the only way out.</source>
        <translation>{deadlock}。这些线程本会永远等下去；停止程序是唯一的出路。</translation>
    </message>
    <message>
        <source>No deadlock: both threads got both locks and finished.</source>
        <translation>没有死锁：两个线程都拿到了两把锁并完成了。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the threads that give up</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>{thread} gives up on {lock} after {seconds} s</source>
        <translation>{thread} 在 {seconds} s 后放弃等待 {lock}</translation>
    </message>
    <message>
        <source>Waiting in a circle, but not for ever: {waits}.</source>
        <translation>循环等待，但不会永远等下去：{waits}。</translation>
    </message>
</context>
<context>
    <name>ExitReason</name>
    <message>
        <source>stopped by you ({reason})</source>
        <translation>由你停止（{reason}）</translation>
    </message>
    <message>
        <source>stopped by the deadlock watch ({reason})</source>
        <translation>由死锁监视器停止（{reason}）</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>仍在运行</translation>
    </message>
    <message>
        <source>finished normally</source>
        <translation>正常结束</translation>
    </message>
    <message>
        <source>killed by {signal}</source>
        <translation>被 {signal} 杀死</translation>
    </message>
    <message>
        <source>killed by signal {number}</source>
        <translation>被信号 {number} 杀死</translation>
    </message>
    <message>
        <source>stopped by {who} ({reason})</source>
        <translation>由 {who} 停止（{reason}）</translation>
    </message>
    <message>
        <source>ended itself because the window&apos;s connection closed (status 70)</source>
        <translation>因窗口的连接已关闭而自行结束（状态 70）</translation>
    </message>
    <message>
        <source>exited with status {status}</source>
        <translation>以状态 {status} 退出</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Export timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Timeline saved to {path}</source>
        <translation>时间线已保存到 {path}</translation>
    </message>
    <message>
        <source>Could not save {path}: {folder} is a file, not a folder.</source>
        <translation>无法保存 {path}：{folder} 是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Could not save {path}: the folder {folder} does not exist.</source>
        <translation>无法保存 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Could not save {path}: the folder {folder} is read-only. Choose another folder.</source>
        <translation>无法保存 {path}：文件夹 {folder} 是只读的。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Nothing to export yet: run a lesson first, then export it.</source>
        <translation>还没有可导出的内容：请先运行一节课，再导出。</translation>
    </message>
    <message>
        <source>Window saved to {path}</source>
        <translation>窗口已保存到 {path}</translation>
    </message>
    <message>
        <source>No CPU samples cover this run: the CPU graphs keep the last {seconds:g} s. Run the lesson again and export right after.</source>
        <translation>没有覆盖这次运行的 CPU 采样：CPU 图表只保留最近 {seconds:g} s。请重新运行本课，并在运行结束后立即导出。</translation>
    </message>
    <message>
        <source>CPU samples saved to {path}</source>
        <translation>CPU 采样已保存到 {path}</translation>
    </message>
    <message>
        <source>What is on screen saved to {path}</source>
        <translation>屏幕上的内容已保存到 {path}</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 图形 (*.svg)</translation>
    </message>
    <message>
        <source>Export window</source>
        <translation>导出窗口</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出跟踪文件</translation>
    </message>
    <message>
        <source>Export CPU samples</source>
        <translation>导出 CPU 采样</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Folder for quick exports</source>
        <translation>快速导出的文件夹</translation>
    </message>
    <message>
        <source>Quick exports ({key}) go to {folder}</source>
        <translation>快速导出（{key}）将保存到 {folder}</translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json)</source>
        <translation>Chrome 跟踪 JSON (*.json)</translation>
    </message>
    <message>
        <source>Trace saved to {path}</source>
        <translation>跟踪文件已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>GilPanel</name>
    <message>
        <source>One GIL: the threads take turns. Each green bar is one turn, the thread that holds the GIL, with its length; orange is waiting for the GIL.</source>
        <translation>一个 GIL：各线程轮流执行。每个绿色条是一轮，即持有 GIL 的线程及其持续时长；橙色表示等待 GIL。</translation>
    </message>
    <message>
        <source>One GIL per process: the workers run at the same time and their green bars overlap; dark grey is time the operating system gave the core to another process.</source>
        <translation>每个进程一个 GIL：各工作进程同时运行，它们的绿色条相互重叠；深灰色是操作系统把该核心分给其他进程的时间。</translation>
    </message>
    <message>
        <source>hand-offs of the GIL</source>
        <translation>GIL 交接次数</translation>
    </message>
    <message>
        <source>median turn</source>
        <translation>每轮时长中位数</translation>
    </message>
    <message>
        <source>of the time ran at the same time</source>
        <translation>的时间在同时运行</translation>
    </message>
    <message>
        <source>CPU used (shown at the end)</source>
        <translation>CPU 用量（结束时显示）</translation>
    </message>
    <message>
        <source>time in this close-up (ms)</source>
        <translation>特写中的时间（ms）</translation>
    </message>
    <message>
        <source>median turn · switch interval {interval} ms</source>
        <translation>每轮时长中位数 · 切换间隔 {interval} ms</translation>
    </message>
    <message>
        <source>hand-offs: each process has its own GIL</source>
        <translation>交接：每个进程有自己的 GIL</translation>
    </message>
    <message>
        <source>turns: processes need not wait</source>
        <translation>轮次：进程无需等待</translation>
    </message>
    <message>
        <source>{width} ms from the last of the run, at {start} s · {legend}</source>
        <translation>运行最后的 {width} ms，从 {start} s 起 · {legend}</translation>
    </message>
    <message>
        <source>{width} ms from the middle of the run, at {start} s · {legend}</source>
        <translation>运行中段的 {width} ms，从 {start} s 起 · {legend}</translation>
    </message>
    <message>
        <source>{cores} cores</source>
        <translation>{cores} 核</translation>
    </message>
    <message>
        <source>CPU used</source>
        <translation>CPU 用量</translation>
    </message>
    <message>
        <source>ran at the same time</source>
        <translation>同时运行的时间占比</translation>
    </message>
    <message>
        <source>loops per second, all workers</source>
        <translation>所有工作者每秒的循环次数</translation>
    </message>
    <message>
        <source>CPU used, of {cores} cores</source>
        <translation>CPU 用量，共 {cores} 核</translation>
    </message>
</context>
<context>
    <name>InterpreterChoice</name>
    <message>
        <source>{label} (this app&apos;s)</source>
        <translation>{label}（本应用使用的）</translation>
    </message>
    <message>
        <source>{label}: too old</source>
        <translation>{label}：版本过旧</translation>
    </message>
    <message>
        <source>The Python that runs the lesson</source>
        <translation>运行课程所用的 Python</translation>
    </message>
    <message>
        <source>this app&apos;s Python</source>
        <translation>本应用的 Python</translation>
    </message>
</context>
<context>
    <name>Lanes</name>
    <message>
        <source>PID {pid} · main process</source>
        <translation>PID {pid} · 主进程</translation>
    </message>
    <message>
        <source>PID {pid} · child of PID {parent}</source>
        <translation>PID {pid} · PID {parent} 的子进程</translation>
    </message>
    <message>
        <source>PID {pid} · Pool worker {worker}</source>
        <translation>PID {pid} · 进程池工作进程 {worker}</translation>
    </message>
    <message>
        <source>+ {count} more lanes, drawn together</source>
        <translation>+ 另外 {count} 条泳道，合并绘制</translation>
    </message>
</context>
<context>
    <name>LessonList</name>
    <message>
        <source>{title} (not on this system)</source>
        <translation>{title}（本系统不可用）</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Wait-for graph</source>
        <translation>等待图</translation>
    </message>
    <message>
        <source>GIL close-up</source>
        <translation>GIL 特写</translation>
    </message>
    <message>
        <source>Per-thread values</source>
        <translation>各线程的值</translation>
    </message>
    <message>
        <source>Lock: holding and waiting</source>
        <translation>锁：持有与等待</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Showdown</source>
        <translation>对决</translation>
    </message>
    <message>
        <source>Task switches</source>
        <translation>任务切换</translation>
    </message>
</context>
<context>
    <name>LessonRunner</name>
    <message>
        <source>could not start {lesson}: {error}</source>
        <translation>无法启动 {lesson}：{error}</translation>
    </message>
    <message>
        <source>Still running after Stop: {pids}</source>
        <translation>停止后仍在运行：{pids}</translation>
    </message>
</context>
<context>
    <name>LessonSummary</name>
    <message>
        <source>, using {cores:.1f} cores</source>
        <translation>，用了 {cores:.1f} 核</translation>
    </message>
    <message>
        <source>The processes ran at the same time {percent:.0f}% of the time{used}.</source>
        <translation>各进程有 {percent:.0f}% 的时间在同时运行{used}。</translation>
    </message>
    <message>
        <source>The threads took turns %n time(s); a turn lasted {turn:.1f} ms (switch interval {interval:g} ms); they ran at the same time {percent:.0f}% of the time{used}.</source>
        <translation>各线程交替执行了 %n 次；每轮持续 {turn:.1f} ms（切换间隔 {interval:g} ms）；它们有 {percent:.0f}% 的时间在同时运行{used}。</translation>
    </message>
    <message>
        <source>From start() to the child&apos;s first line: {times}; {failed} could not pickle the argument.</source>
        <translation>从 start() 到子进程执行第一行：{times}；{failed} 无法 pickle 该参数。</translation>
    </message>
    <message>
        <source>No child started: {failed} could not pickle the argument.</source>
        <translation>没有子进程启动：{failed} 无法 pickle 该参数。</translation>
    </message>
    <message>
        <source>From start() to the child&apos;s first line: {times}.</source>
        <translation>从 start() 到子进程执行第一行：{times}。</translation>
    </message>
    <message>
        <source>The reader got only {items} of {put} before terminate() ended it (exit code {code}).</source>
        <translation>在 terminate() 结束读取进程之前，它只从 {put} 中取到了 {items}（退出码 {code}）。</translation>
    </message>
    <message>
        <source>The reader got {items} in the order they were put; the reader was ended by terminate() (exit code {code}).</source>
        <translation>读取进程按放入的顺序取到了 {items}；读取进程被 terminate() 结束（退出码 {code}）。</translation>
    </message>
    <message>
        <source>The reader got {items} in the order they were put.</source>
        <translation>读取进程按放入的顺序取到了 {items}。</translation>
    </message>
    <message>
        <source>this Python</source>
        <translation>当前的 Python</translation>
    </message>
    <message>
        <source>Balance {balance} after {n:,} deposits and {n:,} withdrawals: no update lost, or lost ones that cancelled out; {python} can lose updates: run it again.</source>
        <translation>{n:,} 次存款和 {n:,} 次取款后，余额为 {balance}：没有丢失更新，或者丢失的更新正好相互抵消；{python} 会丢失更新：再运行一次。</translation>
    </message>
    <message>
        <source>Balance {balance} after {n:,} deposits and {n:,} withdrawals: at least %n update(s) lost.</source>
        <translation>{n:,} 次存款和 {n:,} 次取款后，余额为 {balance}：至少丢失了 %n 次更新。</translation>
    </message>
    <message>
        <source>Balance {balance} after {n:,} deposits and {n:,} withdrawals: no update lost, the lock let one thread at a time change the balance.</source>
        <translation>{n:,} 次存款和 {n:,} 次取款后，余额为 {balance}：没有丢失更新，锁让线程一次一个地修改余额。</translation>
    </message>
    <message>
        <source>Balance {balance} after {n:,} deposits and {n:,} withdrawals: no update lost on {python}. See why in the text.</source>
        <translation>{n:,} 次存款和 {n:,} 次取款后，余额为 {balance}：在 {python} 上没有丢失更新。原因见课程说明。</translation>
    </message>
    <message>
        <source>Balance {balance} after {n:,} deposits and {n:,} withdrawals: %n update(s) lost, and by chance they cancelled out.</source>
        <translation>{n:,} 次存款和 {n:,} 次取款后，余额为 {balance}：丢失了 %n 次更新，碰巧相互抵消了。</translation>
    </message>
    <message>
        <source>Balance {balance} after {n:,} deposits and {n:,} withdrawals: %n update(s) lost.</source>
        <translation>{n:,} 次存款和 {n:,} 次取款后，余额为 {balance}：丢失了 %n 次更新。</translation>
    </message>
    <message>
        <source>Round %n: the rounds before it ended at 0.</source>
        <translation>第 %n 轮：之前的几轮都以 0 结束。</translation>
    </message>
    <message>
        <source>Done in {total:.2f} s: about the longest wait ({longest:g} s), not all the waits one after another ({added:g} s).</source>
        <translation>用时 {total:.2f} s 完成：约等于最长的一次等待（{longest:g} s），而不是所有等待依次相加（{added:g} s）。</translation>
    </message>
    <message>
        <source>; the worker with the wrong key was refused and the others finished</source>
        <translation>；使用错误密钥的工作进程被拒绝，其余工作进程正常完成</translation>
    </message>
    <message>
        <source>{got} of %n result(s) came back</source>
        <translation>%n 个结果中回来了 {got} 个</translation>
    </message>
    <message>
        <source>{got} of %n result(s) came back, each exactly once</source>
        <translation>%n 个结果中回来了 {got} 个，每个恰好一次</translation>
    </message>
    <message>
        <source>; %n task(s) never came back ({tasks}): taken once, by a worker that died</source>
        <translation>；%n 个任务没有回来（{tasks}）：只被取走一次，取走它的工作进程死掉了</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Two tasks each slept {sleep:g} s and the run took {total:.2f} s: the sleeps overlapped.</source>
        <translation>两个任务各 sleep {sleep:g} s，整个运行用时 {total:.2f} s：两次 sleep 是重叠的。</translation>
    </message>
    <message>
        <source>Two tasks each slept {sleep:g} s and the run took {total:.2f} s: one sleep after the other.</source>
        <translation>两个任务各 sleep {sleep:g} s，整个运行用时 {total:.2f} s：两次 sleep 一个接一个。</translation>
    </message>
    <message>
        <source>async/await took {new:.2f} s, the generator form (yield from) {old:.2f} s.</source>
        <translation>async/await 用时 {new:.2f} s，生成器形式（yield from）用时 {old:.2f} s。</translation>
    </message>
    <message>
        <source>@asyncio.coroutine on Python {python} took {took:.2f} s.</source>
        <translation>@asyncio.coroutine 在 Python {python} 上用时 {took:.2f} s。</translation>
    </message>
    <message>
        <source>The greenlets ran one after another ({order}…), in %n OS thread(s).</source>
        <translation>这些 greenlet 一个接一个地运行（{order}…），用了 %n 个操作系统线程。</translation>
    </message>
    <message>
        <source>The greenlets took turns ({order}…), in %n OS thread(s).</source>
        <translation>这些 greenlet 轮流运行（{order}…），用了 %n 个操作系统线程。</translation>
    </message>
    <message>
        <source>The greenlets&apos; lines came mixed ({order}…), in %n OS thread(s).</source>
        <translation>这些 greenlet 打印的行混杂在一起（{order}…），用了 %n 个操作系统线程。</translation>
    </message>
    <message>
        <source>%n request(s) answered in {total:.2f} s: one after another, each handler waits {wait:g} s.</source>
        <translation>%n 个请求在 {total:.2f} s 内得到应答：逐个处理，每个处理函数等待 {wait:g} s。</translation>
    </message>
    <message>
        <source>%n request(s) answered in {total:.2f} s: all at once, though each handler waits {wait:g} s.</source>
        <translation>%n 个请求在 {total:.2f} s 内得到应答：同时处理，尽管每个处理函数都要等待 {wait:g} s。</translation>
    </message>
    <message>
        <source>fork() returned {parent_got} in the parent and {child_got} in the child (PID {child_pid}, whose parent is PID {child_ppid}).</source>
        <translation>fork() 在父进程中返回了 {parent_got}，在子进程中返回了 {child_got}（子进程 PID {child_pid}，它的父进程是 PID {child_ppid}）。</translation>
    </message>
    <message>
        <source>%n message(s) went each way over one pipe, each way in the order sent.</source>
        <translation>每个方向各有 %n 条消息经过同一条管道，每个方向都按发送的顺序到达。</translation>
    </message>
    <message>
        <source>The child got pings {pings} and the parent got pongs {pongs}: not all of them, or not in the order they were sent.</source>
        <translation>子进程收到了 ping {pings}，父进程收到了 pong {pongs}：没有全部收到，或者没有按发送的顺序收到。</translation>
    </message>
    <message>
        <source>%n task(s) ran on 1 worker process, at most {most} at once.</source>
        <translation>%n 个任务在 1 个工作进程上运行，最多同时运行 {most} 个。</translation>
    </message>
    <message>
        <source>%n task(s) ran on {workers} worker processes, at most {most} at once.</source>
        <translation>%n 个任务在 {workers} 个工作进程上运行，最多同时运行 {most} 个。</translation>
    </message>
    <message>
        <source>join() waited {waited:.2f} s, until the child had ended (exit code {code}).</source>
        <translation>join() 等待了 {waited:.2f} s，直到子进程结束（退出码 {code}）。</translation>
    </message>
    <message>
        <source>Ended last</source>
        <translation>最后结束</translation>
    </message>
    <message>
        <source>Producer and consumer took turns: %n hand-over(s) of control, all in {threads}.</source>
        <translation>生产者和消费者轮流运行：控制权交接了 %n 次，全部在 {threads} 中。</translation>
    </message>
    <message>
        <source>On %n core(s), {fastest} was fastest: {speed} sequential ({others}).</source>
        <translation>在 %n 核上，{fastest} 最快：速度是顺序执行的 {speed}（{others}）。</translation>
    </message>
    <message>
        <source>%n result(s) came back in the order the tasks finished: {completed}; submitted {submitted}.</source>
        <translation>%n 个结果按任务完成的先后返回：{completed}；提交的顺序是 {submitted}。</translation>
    </message>
    <message>
        <source>Other programs used {used:.1f} of this computer&apos;s %n core(s) during the run, so the processes could not all run at once: close them and run again.</source>
        <translation>运行期间，其他程序占用了这台计算机 %n 个核心中的 {used:.1f} 个，所以这些进程无法同时运行：请关闭那些程序后再运行一次。</translation>
    </message>
    <message>
        <source>Other programs used {used:.1f} of this computer&apos;s %n core(s) during the run, so the lesson did not get a core of its own: close them and run again.</source>
        <translation>运行期间，其他程序占用了这台计算机 %n 个核心中的 {used:.1f} 个，所以本课没能独占一个核心：请关闭那些程序后再运行一次。</translation>
    </message>
</context>
<context>
    <name>LocalPanel</name>
    <message>
        <source>In MainThread: hasattr(local_school, &apos;student&apos;) is {value}</source>
        <translation>在 MainThread 中：hasattr(local_school, &apos;student&apos;) 为 {value}</translation>
    </message>
    <message>
        <source>global_dict still holds {n} entries after the threads ended</source>
        <translation>线程结束后，global_dict 仍保存着 {n} 个条目</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>绑定值</translation>
    </message>
    <message>
        <source>its own?</source>
        <translation>是自己的？</translation>
    </message>
    <message>
        <source>the thread&apos;s name</source>
        <translation>线程的名字</translation>
    </message>
    <message>
        <source>what the thread set: local_school.student = name</source>
        <translation>线程设置的值：local_school.student = name</translation>
    </message>
    <message>
        <source>what it read back: local_school.student</source>
        <translation>它读回的值：local_school.student</translation>
    </message>
    <message>
        <source>what it read back: global_dict[threading.current_thread()]</source>
        <translation>它读回的值：global_dict[threading.current_thread()]</translation>
    </message>
    <message>
        <source>did both reads give the student this thread bound?</source>
        <translation>两次读取得到的都是本线程绑定的学生吗？</translation>
    </message>
    <message>
        <source>Each thread sets &lt;b&gt;local_school.student&lt;/b&gt; and &lt;b&gt;global_dict[thread]&lt;/b&gt; to its name, waits until every thread has done so, then reads both back.</source>
        <translation>每个线程把 &lt;b&gt;local_school.student&lt;/b&gt; 和 &lt;b&gt;global_dict[thread]&lt;/b&gt; 设为自己的名字，等所有线程都设置完后，再把两者读回来。</translation>
    </message>
    <message>
        <source>✓ yes</source>
        <translation>✓ 是</translation>
    </message>
    <message>
        <source>✗ NO</source>
        <translation>✗ 否</translation>
    </message>
    <message>
        <source>{threads} read another thread&apos;s student: the values are not per thread here.</source>
        <translation>{threads} 读到了其他线程的学生：这里的值并非每个线程各自独有。</translation>
    </message>
    <message>
        <source>Each thread read its own student back, through threading.local and through the global dict alike.</source>
        <translation>每个线程都读回了自己的学生，无论是通过 threading.local 还是通过全局字典。</translation>
    </message>
    <message>
        <source>threads that read their own student</source>
        <translation>读到自己学生的线程</translation>
    </message>
    <message>
        <source>{right} of {threads}</source>
        <translation>{threads} 个中的 {right} 个</translation>
    </message>
    <message>
        <source>global_dict entries after the threads ended</source>
        <translation>线程结束后 global_dict 中的条目</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>Thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Times held</source>
        <translation>持有次数</translation>
    </message>
    <message>
        <source>Holding</source>
        <translation>持有时长</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <source>Share waiting</source>
        <translation>等待占比</translation>
    </message>
    <message>
        <source>With the lock</source>
        <translation>加锁</translation>
    </message>
    <message>
        <source>Without the lock</source>
        <translation>不加锁</translation>
    </message>
    <message>
        <source>What the lock cost</source>
        <translation>锁的代价</translation>
    </message>
    <message>
        <source>Updates lost without the lock</source>
        <translation>不加锁时丢失的更新</translation>
    </message>
    <message>
        <source>counter {counter} of {expected}: %n update(s) lost ({seconds} s)</source>
        <translation>计数器 {counter} / {expected}：丢失 %n 次更新（{seconds} s）</translation>
    </message>
    <message>
        <source>after the run</source>
        <translation>运行结束后显示</translation>
    </message>
    <message>
        <source>{rate} updates/s</source>
        <translation>{rate} 次更新/s</translation>
    </message>
    <message>
        <source>−{percent}% throughput</source>
        <translation>吞吐量 −{percent}%</translation>
    </message>
    <message>
        <source>than without it; in exchange, no update was lost</source>
        <translation>相比不加锁；换来的是没有丢失任何更新</translation>
    </message>
    <message>
        <source>than without it</source>
        <translation>相比不加锁</translation>
    </message>
    <message>
        <source>counter {counter} of {expected} ({seconds} s)</source>
        <translation>计数器 {counter} / {expected}（{seconds} s）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Starting the CPU graphs…</source>
        <translation>正在启动 CPU 图表…</translation>
    </message>
    <message>
        <source>Starting the timeline…</source>
        <translation>正在启动时间线…</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Concurrency Lab</source>
        <translation>Concurrency Lab</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>▶  Run</source>
        <translation>▶  运行</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  停止</translation>
    </message>
    <message>
        <source>Run the lesson (Space)</source>
        <translation>运行课程（Space）</translation>
    </message>
    <message>
        <source>Stop the lesson (Space)</source>
        <translation>停止课程（Space）</translation>
    </message>
    <message>
        <source>Choose a lesson and press Run.</source>
        <translation>选择一节课，然后按“运行”。</translation>
    </message>
    <message>
        <source>About this lesson</source>
        <translation>关于本课</translation>
    </message>
    <message>
        <source>Source code</source>
        <translation>源代码</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Starting {lesson}…</source>
        <translation>正在启动 {lesson}…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Running {lesson} under Python {version} (PID {pid})</source>
        <translation>正在用 Python {version} 运行 {lesson}（PID {pid}）</translation>
    </message>
    <message>
        <source>no process left behind</source>
        <translation>没有遗留进程</translation>
    </message>
    <message>
        <source>still running: {pids}</source>
        <translation>仍在运行：{pids}</translation>
    </message>
    <message>
        <source>Stopping the lesson before closing…</source>
        <translation>关闭前正在停止课程…</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>OpenScript</name>
    <message>
        <source>Open a Python script</source>
        <translation>打开 Python 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py *.pyw);;All files (*)</source>
        <translation>Python 脚本 (*.py *.pyw);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>正在检查 {file}…</translation>
    </message>
    <message>
        <source>Stop the running lesson before opening a script.</source>
        <translation>请先停止正在运行的课程，再打开脚本。</translation>
    </message>
    <message>
        <source>Still checking {file}…</source>
        <translation>仍在检查 {file}…</translation>
    </message>
    <message>
        <source>The timeline is not ready yet.</source>
        <translation>时间线尚未就绪。</translation>
    </message>
    <message>
        <source>Starting {file}…</source>
        <translation>正在启动 {file}…</translation>
    </message>
    <message>
        <source>Could not open the script: {reason}</source>
        <translation>无法打开脚本：{reason}</translation>
    </message>
    <message>
        <source>Cannot run the script</source>
        <translation>无法运行该脚本</translation>
    </message>
    <message>
        <source>Open a Python script (.py) that runs with the Python chosen in the Python list, or drop one on the window.</source>
        <translation>请打开一个能用 Python 列表中所选解释器运行的 Python 脚本（.py），或把它拖放到窗口上。</translation>
    </message>
    <message>
        <source>Python {python} cannot be found any more; choose another in the Python list.</source>
        <translation>找不到 Python {python}；请在 Python 列表中另选一个。</translation>
    </message>
    <message>
        <source>processes, with their parents and exit codes: fork, Process, Pool, concurrent.futures, a subprocess that runs Python;</source>
        <translation>进程，及其父进程和退出码：fork、Process、Pool、concurrent.futures，以及运行 Python 的子进程；</translation>
    </message>
    <message>
        <source>threads, by the names the script gives them;</source>
        <translation>线程，使用脚本给它们起的名字；</translation>
    </message>
    <message>
        <source>every wait on a Lock, RLock, Condition, Semaphore, Event, queue.Queue or multiprocessing.Queue, and who held what; a deadlock is found and shown as in the deadlock lesson;</source>
        <translation>对 Lock、RLock、Condition、Semaphore、Event、queue.Queue 或 multiprocessing.Queue 的每一次等待，以及谁持有什么；死锁会像死锁一课那样被发现并显示；</translation>
    </message>
    <message>
        <source>asyncio tasks (also those a library makes), grouped, and greenlets;</source>
        <translation>asyncio 任务（包括库创建的任务），按组显示，以及 greenlet；</translation>
    </message>
    <message>
        <source>the messages of Queues and Pipes, as arrows;</source>
        <translation>Queue 和 Pipe 中的消息，以箭头表示；</translation>
    </message>
    <message>
        <source>when each thread ran and when it waited: for the GIL, a lock, a sleep or I/O. These states are sampled from outside the program about every millisecond (on Linux) and drawn when the run has ended.</source>
        <translation>每个线程何时运行、何时等待：等待 GIL、锁、sleep 或 I/O。这些状态从程序外部大约每毫秒采样一次（在 Linux 上），并在运行结束后画出。</translation>
    </message>
    <message>
        <source>A stretch where the looks from outside cannot tell what a thread did is left blank: unknown, not guessed. Two threads under one GIL are never drawn running at once.</source>
        <translation>从外部观察无法判断线程在做什么的时段留空：表示未知，而不是猜测。同一个 GIL 下的两个线程绝不会被画成同时运行。</translation>
    </message>
    <message>
        <source>Which lock a thread waited on is known only for the locks the script&apos;s own code takes; a wait deeper in a library is a wait, without a name.</source>
        <translation>只有脚本自己的代码获取的锁，才能知道线程等的是哪一把；库内部更深处的等待只显示为等待，没有名字。</translation>
    </message>
    <message>
        <source>The switch interval is read from outside, from the deadlines of the script&apos;s waits for the GIL; where none can be read, the default 5 ms is assumed.</source>
        <translation>切换间隔从外部读出：取自脚本等待 GIL 时的截止时间；一个也读不到时，按默认的 5 毫秒计算。</translation>
    </message>
    <message>
        <source>Programs other than Python that the script starts are not traced.</source>
        <translation>脚本启动的非 Python 程序不会被跟踪。</translation>
    </message>
    <message>
        <source>The script reads an empty stdin (input() gets EOF) and gets no arguments; to give it some, run concurrency-lab trace SCRIPT.py -- ARGS.</source>
        <translation>脚本读到的标准输入为空（input() 会得到 EOF），也没有命令行参数；如需参数，请运行 concurrency-lab trace SCRIPT.py -- ARGS。</translation>
    </message>
    <message>
        <source>Your script: {file}</source>
        <translation>你的脚本：{file}</translation>
    </message>
    <message>
        <source>What the lab shows of any script</source>
        <translation>实验室能为任意脚本显示什么</translation>
    </message>
    <message>
        <source>What it cannot know</source>
        <translation>它无法知道什么</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>文件夹：{folder}</translation>
    </message>
    <message>
        <source>It runs as python {file} would, in its folder, with no tracing code in it. Stop ends it and every process it started.</source>
        <translation>它像 python {file} 一样在自己的文件夹中运行，脚本里没有跟踪代码。“停止”会结束它以及它启动的所有进程。</translation>
    </message>
    <message>
        <source>%n process(es)</source>
        <translation>%n 个进程</translation>
    </message>
    <message>
        <source>%n thread(s)</source>
        <translation>%n 个线程</translation>
    </message>
    <message>
        <source>%n lock(s) waited on or held</source>
        <translation>%n 把锁被等待或持有</translation>
    </message>
    <message>
        <source>%n message(s)</source>
        <translation>%n 条消息</translation>
    </message>
    <message>
        <source>%n GIL hand-off(s)</source>
        <translation>%n 次 GIL 交接</translation>
    </message>
    <message>
        <source>{file}: {what}.</source>
        <translation>{file}：{what}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Thread states could not be sampled here, so they are not drawn.</source>
        <translation>此处无法采样线程状态，因此没有画出。</translation>
    </message>
    <message>
        <source>{app} — {file}</source>
        <translation>{app} — {file}</translation>
    </message>
    <message>
        <source>About this script</source>
        <translation>关于此脚本</translation>
    </message>
    <message>
        <source>YOUR SCRIPT: {file} in {folder}</source>
        <translation>你的脚本：{folder} 中的 {file}</translation>
    </message>
    <message>
        <source>Traced from outside, with no tracing code in it; Run runs it again.</source>
        <translation>从外部跟踪，脚本中没有任何跟踪代码；按“运行”可再次运行它。</translation>
    </message>
    <message>
        <source>Running {file} under Python {version} (PID {pid})</source>
        <translation>正在用 Python {version} 运行 {file}（PID {pid}）</translation>
    </message>
    <message>
        <source>{file} failed: {how}. The Console shows why.</source>
        <translation>{file} 运行失败：{how}。原因见“控制台”。</translation>
    </message>
    <message>
        <source>{file} is deadlocked: press Stop.</source>
        <translation>{file} 发生了死锁：请按“停止”。</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>{result} — stopped by you after {seconds} s.</source>
        <translation>{result}——你在 {seconds} 秒后停止了运行。</translation>
    </message>
    <message>
        <source>%n running task(s)</source>
        <translation>%n 个正在运行的任务</translation>
    </message>
    <message>
        <source>%n running thread(s)</source>
        <translation>%n 个正在运行的线程</translation>
    </message>
    <message>
        <source>%n waiting thread(s)</source>
        <translation>%n 个正在等待的线程</translation>
    </message>
    <message>
        <source>Stopped by you after {seconds} s.</source>
        <translation>你在 {seconds} 秒后停止了运行。</translation>
    </message>
    <message>
        <source>Stopped by you after {seconds} s, cutting short {what}.</source>
        <translation>你在 {seconds} 秒后停止了运行，中断了 {what}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>On the command line: --set {name}=…</source>
        <translation>命令行中：--set {name}=…</translation>
    </message>
    <message>
        <source>Space types a space here: press F5 to run the lesson.</source>
        <translation>在这里按空格键会输入空格：按 F5 运行本课。</translation>
    </message>
    <message>
        <source>This run waits up to {seconds} s for workers you start yourself ({setting}); Stop ends it sooner.</source>
        <translation>这次运行最多等待 {seconds} 秒，等你自己启动的工作进程（{setting}）；按“停止”可提前结束。</translation>
    </message>
</context>
<context>
    <name>Parameters</name>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>工作者数</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>items</source>
        <translation>数据项</translation>
    </message>
    <message>
        <source>delay (s)</source>
        <translation>延迟（秒）</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>ticks</source>
        <translation>计数次数</translation>
    </message>
    <message>
        <source>tick (s)</source>
        <translation>计数间隔（秒）</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>switch interval (ms)</source>
        <translation>切换间隔（毫秒）</translation>
    </message>
    <message>
        <source>names</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>listen on</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>wait (s)</source>
        <translation>等待（秒）</translation>
    </message>
    <message>
        <source>greenlets</source>
        <translation>greenlet 数</translation>
    </message>
    <message>
        <source>delays (s)</source>
        <translation>各个延迟（秒）</translation>
    </message>
    <message>
        <source>sleep (s)</source>
        <translation>睡眠（秒）</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>客户端数</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>作业数</translation>
    </message>
    <message>
        <source>steps per job</source>
        <translation>每个作业的步数</translation>
    </message>
    <message>
        <source>server delay (ms)</source>
        <translation>服务器延迟（毫秒）</translation>
    </message>
    <message>
        <source>picklable</source>
        <translation>可 pickle</translation>
    </message>
    <message>
        <source>unpicklable</source>
        <translation>不可 pickle</translation>
    </message>
    <message>
        <source>naive</source>
        <translation>朴素写法</translation>
    </message>
    <message>
        <source>widened</source>
        <translation>加宽窗口</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>加锁</translation>
    </message>
    <message>
        <source>deadlock</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>ordered</source>
        <translation>按顺序加锁</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时重试</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>no sleep</source>
        <translation>不让出</translation>
    </message>
    <message>
        <source>sleep(0)</source>
        <translation>sleep(0)</translation>
    </message>
    <message>
        <source>async</source>
        <translation>异步</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>阻塞</translation>
    </message>
</context>
<context>
    <name>Predict</name>
    <message>
        <source>The run was stopped before the end: no answer.</source>
        <translation>运行在结束前被停止：没有答案。</translation>
    </message>
    <message>
        <source>The run did not finish: no answer.</source>
        <translation>运行没有完成：没有答案。</translation>
    </message>
    <message>
        <source>The run could not start: no answer.</source>
        <translation>运行无法启动：没有答案。</translation>
    </message>
    <message>
        <source>The run did not report the result this question needs: no answer.</source>
        <translation>这次运行没有报告这个问题需要的结果：无法给出答案。</translation>
    </message>
    <message>
        <source>Skip ▶</source>
        <translation>跳过 ▶</translation>
    </message>
    <message>
        <source>Run without asking the class</source>
        <translation>不提问全班，直接运行</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Ask the class: what will happen? (keys 1–{n})</source>
        <translation>问问全班：会发生什么？（按键 1–{n}）</translation>
    </message>
    <message>
        <source>What really happened</source>
        <translation>实际发生了什么</translation>
    </message>
    <message>
        <source>your class</source>
        <translation>你们班</translation>
    </message>
    <message>
        <source>✓ right answer</source>
        <translation>✓ 正确答案</translation>
    </message>
    <message>
        <source>Measured: {measured}.</source>
        <translation>实测：{measured}。</translation>
    </message>
    <message>
        <source>This run cannot tell which answer is right.</source>
        <translation>这次运行无法判断哪个答案正确。</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>答对了！</translation>
    </message>
    <message>
        <source>You said {number}.</source>
        <translation>你们选了 {number}。</translation>
    </message>
    <message>
        <source>No prediction: the answer comes at the end.</source>
        <translation>没有预测：答案在结束时揭晓。</translation>
    </message>
    <message>
        <source>Your class said {number}: “{choice}”. The answer comes at the end.</source>
        <translation>你们班选了 {number}：“{choice}”。答案在结束时揭晓。</translation>
    </message>
</context>
<context>
    <name>ProcessTable</name>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <source>fork() returned {values}: in 1 process</source>
        <translation>fork() 返回了 {values}：在 1 个进程中</translation>
    </message>
    <message>
        <source>fork() returned {values}: in {count} processes</source>
        <translation>fork() 返回了 {values}：分别在 {count} 个进程中</translation>
    </message>
    <message>
        <source>fork() is called once. How many times does it return?</source>
        <translation>fork() 只调用一次。它会返回几次？</translation>
    </message>
    <message>
        <source>Once: in the parent</source>
        <translation>一次：在父进程中</translation>
    </message>
    <message>
        <source>Twice: in the parent and in the child</source>
        <translation>两次：在父进程和子进程中各一次</translation>
    </message>
    <message>
        <source>Never: the child starts the program over</source>
        <translation>一次也不：子进程从头重新运行程序</translation>
    </message>
    <message>
        <source>join() waited {waited:.2f} s; the child worked {worked:.2f} s</source>
        <translation>join() 等待了 {waited:.2f} s；子进程工作了 {worked:.2f} s</translation>
    </message>
    <message>
        <source>The parent calls start(), then join(). How long does it wait in join()?</source>
        <translation>父进程先调用 start()，再调用 join()。它在 join() 中要等待多久？</translation>
    </message>
    <message>
        <source>Not at all: start() returns when the child is done</source>
        <translation>完全不用等：start() 在子进程完成后才返回</translation>
    </message>
    <message>
        <source>About {seconds:g} s: until the child has ended</source>
        <translation>约 {seconds:g} s：一直等到子进程结束</translation>
    </message>
    <message>
        <source>task {last} started at {start:.2f} s, when {ended} of the other {others} tasks had ended</source>
        <translation>任务 {last} 在 {start:.2f} s 开始，此时其他 {others} 个任务中已有 {ended} 个结束</translation>
    </message>
    <message>
        <source>{workers} worker processes, {tasks} tasks. When does the last task (task {last}) start?</source>
        <translation>{workers} 个工作进程，{tasks} 个任务。最后一个任务（任务 {last}）何时开始？</translation>
    </message>
    <message>
        <source>At once, with the first tasks</source>
        <translation>立即开始，与最先的几个任务一起</translation>
    </message>
    <message>
        <source>As soon as a worker is free</source>
        <translation>一旦有工作进程空闲就开始</translation>
    </message>
    <message>
        <source>Only after all the other tasks are done</source>
        <translation>要等其他所有任务都完成之后</translation>
    </message>
    <message>
        <source>the reader ended with exit code {code}</source>
        <translation>读取进程以退出码 {code} 结束</translation>
    </message>
    <message>
        <source>The reader loops forever on get(). How does it end?</source>
        <translation>读取进程在 get() 上无限循环。它如何结束？</translation>
    </message>
    <message>
        <source>It finds the queue empty and stops by itself</source>
        <translation>它发现队列为空，自行停止</translation>
    </message>
    <message>
        <source>The parent ends it with terminate()</source>
        <translation>父进程用 terminate() 结束它</translation>
    </message>
    <message>
        <source>It never ends: the program hangs</source>
        <translation>它永远不会结束：程序挂起</translation>
    </message>
    <message>
        <source>{pings} pings went to the child and {pongs} pongs came back over the same pipe</source>
        <translation>{pings} 个 ping 发给了子进程，{pongs} 个 pong 经同一条管道传了回来</translation>
    </message>
    <message>
        <source>One Pipe() joins the parent and its child. Which way can messages go?</source>
        <translation>一个 Pipe() 连接父进程和子进程。消息可以朝哪个方向传递？</translation>
    </message>
    <message>
        <source>Only from the parent to the child</source>
        <translation>只能从父进程到子进程</translation>
    </message>
    <message>
        <source>Both ways: each end sends and receives</source>
        <translation>双向：每一端都能发送和接收</translation>
    </message>
    <message>
        <source>Only from the child to the parent</source>
        <translation>只能从子进程到父进程</translation>
    </message>
    <message>
        <source>started: {ran}; could not pickle the lambda: {failed}</source>
        <translation>已启动：{ran}；无法 pickle 该 lambda：{failed}</translation>
    </message>
    <message>
        <source>The child&apos;s argument is a lambda. Which start methods can hand it to the child?</source>
        <translation>子进程的参数是一个 lambda。哪些启动方法能把它交给子进程？</translation>
    </message>
    <message>
        <source>All of them</source>
        <translation>全部都能</translation>
    </message>
    <message>
        <source>Only fork: it copies the parent, nothing is pickled</source>
        <translation>只有 fork：它复制父进程，不需要 pickle 任何东西</translation>
    </message>
    <message>
        <source>None of them</source>
        <translation>都不能</translation>
    </message>
    <message>
        <source>Which start method gets the child running fastest?</source>
        <translation>哪种启动方法能让子进程最快运行起来？</translation>
    </message>
    <message>
        <source>{got} of {total} results came back</source>
        <translation>{total} 个结果中回来了 {got} 个</translation>
    </message>
    <message>
        <source>The manager puts {tasks} tasks in its queue; {workers} workers take them over the network. How many results come back?</source>
        <translation>管理进程把 {tasks} 个任务放入它的队列；{workers} 个工作进程通过网络取走任务。会回来多少个结果？</translation>
    </message>
    <message>
        <source>All {tasks}, each once</source>
        <translation>全部 {tasks} 个，每个一次</translation>
    </message>
    <message>
        <source>Fewer than {tasks}</source>
        <translation>少于 {tasks} 个</translation>
    </message>
    <message>
        <source>Some come back twice</source>
        <translation>有些会回来两次</translation>
    </message>
    <message>
        <source>refused with AuthenticationError; </source>
        <translation>以 AuthenticationError 被拒绝；</translation>
    </message>
    <message>
        <source>While {workers} workers work, a worker with the wrong key connects. What happens?</source>
        <translation>在 {workers} 个工作进程工作时，一个使用错误密钥的工作进程连接进来。会发生什么？</translation>
    </message>
    <message>
        <source>It is refused; the others finish every task</source>
        <translation>它被拒绝；其他工作进程完成所有任务</translation>
    </message>
    <message>
        <source>It gets in and takes tasks like the others</source>
        <translation>它能进入，并像其他工作进程一样领取任务</translation>
    </message>
    <message>
        <source>The manager stops: the tasks are not finished</source>
        <translation>管理进程停止：任务没有完成</translation>
    </message>
    <message>
        <source>task #{task} never came back: {got} of {total} results</source>
        <translation>任务 #{task} 没有回来：{total} 个结果中回来了 {got} 个</translation>
    </message>
    <message>
        <source>The first worker is killed halfway through a task. Does that task&apos;s result come back?</source>
        <translation>第一个工作进程在执行任务到一半时被杀死。这个任务的结果会回来吗？</translation>
    </message>
    <message>
        <source>Yes: another worker takes the task over</source>
        <translation>会：另一个工作进程接手这个任务</translation>
    </message>
    <message>
        <source>No: the task is lost</source>
        <translation>不会：这个任务丢失了</translation>
    </message>
    <message>
        <source>OS threads: {count} ({names})</source>
        <translation>操作系统线程：{count} 个（{names}）</translation>
    </message>
    <message>
        <source>The producer and the consumer hand control back and forth. How many OS threads does that take?</source>
        <translation>生产者和消费者来回交替地交出控制权。这需要多少个操作系统线程？</translation>
    </message>
    <message>
        <source>One</source>
        <translation>一个</translation>
    </message>
    <message>
        <source>Two: one each</source>
        <translation>两个：各用一个</translation>
    </message>
    <message>
        <source>Three or more</source>
        <translation>三个或更多</translation>
    </message>
    <message>
        <source>never giving way</source>
        <translation>从不让出控制权</translation>
    </message>
    <message>
        <source>calling gevent.sleep(0) after each line</source>
        <translation>每打印一行就调用 gevent.sleep(0)</translation>
    </message>
    <message>
        <source>the lines came from greenlets {order}…</source>
        <translation>这些行依次来自 greenlet {order}…</translation>
    </message>
    <message>
        <source>{count} greenlets each print 5 lines, {how}. In what order do the lines come?</source>
        <translation>{count} 个 greenlet 各打印 5 行，{how}。这些行以什么顺序出现？</translation>
    </message>
    <message>
        <source>One greenlet after another: 0 0 0 0 0 1 1…</source>
        <translation>一个 greenlet 接一个 greenlet：0 0 0 0 0 1 1…</translation>
    </message>
    <message>
        <source>Taking turns: 0 1 2 0 1 2…</source>
        <translation>轮流：0 1 2 0 1 2…</translation>
    </message>
    <message>
        <source>Mixed at random</source>
        <translation>随机交错</translation>
    </message>
    <message>
        <source>done in {total:.2f} s</source>
        <translation>{total:.2f} s 内完成</translation>
    </message>
    <message>
        <source>{count} downloads from servers that wait {delays} s. How long until all are done?</source>
        <translation>从 {count} 个服务器下载，它们分别等待 {delays} s。全部完成需要多久？</translation>
    </message>
    <message>
        <source>About {s:g} s: the longest wait</source>
        <translation>约 {s:g} s：最长的那次等待</translation>
    </message>
    <message>
        <source>About {s:g} s: all the waits added up</source>
        <translation>约 {s:g} s：所有等待时间之和</translation>
    </message>
    <message>
        <source>total {total:.2f} s</source>
        <translation>总计 {total:.2f} s</translation>
    </message>
    <message>
        <source>Two tasks each await asyncio.sleep({s:g}) in one event loop. How long does the whole run take?</source>
        <translation>两个任务在同一个事件循环中各自 await asyncio.sleep({s:g})。整个运行需要多久？</translation>
    </message>
    <message>
        <source>About {s:g} s</source>
        <translation>约 {s:g} s</translation>
    </message>
    <message>
        <source>async/await {new:.2f} s, old syntax {old:.2f} s</source>
        <translation>async/await {new:.2f} s，旧语法 {old:.2f} s</translation>
    </message>
    <message>
        <source>The same two coroutines, written with async/await and with the old generator syntax (yield from). Which is faster?</source>
        <translation>同样的两个协程，分别用 async/await 和旧的生成器语法（yield from）编写。哪个更快？</translation>
    </message>
    <message>
        <source>The old syntax</source>
        <translation>旧语法</translation>
    </message>
    <message>
        <source>Neither: both take about 0.5 s</source>
        <translation>都不更快：两者都约需 0.5 s</translation>
    </message>
    <message>
        <source>{count} requests answered in {total:.2f} s</source>
        <translation>{count} 个请求在 {total:.2f} s 内得到响应</translation>
    </message>
    <message>
        <source>{count} requests arrive at once; each handler calls {handler}. How long until all are answered?</source>
        <translation>{count} 个请求同时到达；每个处理函数都调用 {handler}。全部得到响应需要多久？</translation>
    </message>
    <message>
        <source>About 0.5 s</source>
        <translation>约 0.5 s</translation>
    </message>
    <message>
        <source>{jobs} jobs that only compute, on {cores} cores. Which model finishes them first?</source>
        <translation>{jobs} 个纯计算作业，运行在 {cores} 个核心上。哪种模型最先完成？</translation>
    </message>
    <message>
        <source>One after another</source>
        <translation>一个接一个（顺序执行）</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>{jobs} requests to a server that answers after {delay:g} s. Which models get them all done in about {delay:g} s instead of {total:g} s?</source>
        <translation>向一个 {delay:g} s 后才响应的服务器发出 {jobs} 个请求。哪些模型能在约 {delay:g} s 而不是 {total:g} s 内全部完成？</translation>
    </message>
    <message>
        <source>Only asyncio and gevent</source>
        <translation>只有 asyncio 和 gevent</translation>
    </message>
    <message>
        <source>Every concurrent one: threads, processes, asyncio, gevent</source>
        <translation>所有并发模型：线程、进程、asyncio、gevent</translation>
    </message>
    <message>
        <source>None: the requests still go one at a time</source>
        <translation>都不能：请求仍然一个接一个地进行</translation>
    </message>
    <message>
        <source>{last} ended last</source>
        <translation>{last} 最后结束</translation>
    </message>
    <message>
        <source>MainThread starts LoopThread, then calls join(). Which thread ends last?</source>
        <translation>MainThread 启动 LoopThread，然后调用 join()。哪个线程最后结束？</translation>
    </message>
    <message>
        <source>Two threads run `balance = balance + n` and `balance = balance - n`, {count:,} times each. What is the balance at the end?</source>
        <translation>两个线程分别执行 `balance = balance + n` 和 `balance = balance - n`，各 {count:,} 次。最后余额是多少？</translation>
    </message>
    <message>
        <source>The same deposits and withdrawals, {count:,} each, with a call between each read and its write. What is the balance at the end?</source>
        <translation>同样的存款和取款，各 {count:,} 次，但每次读取和写入之间多了一次调用。最后余额是多少？</translation>
    </message>
    <message>
        <source>The same code, {count:,} changes each, but every change holds a Lock. What is the balance at the end?</source>
        <translation>同样的代码，各修改 {count:,} 次，但每次修改都持有一个 Lock。最后余额是多少？</translation>
    </message>
    <message>
        <source>balance {balance:,}</source>
        <translation>余额 {balance:,}</translation>
    </message>
    <message>
        <source>: %n update(s) lost</source>
        <translation>：丢失了 %n 次更新</translation>
    </message>
    <message>
        <source>: no update lost</source>
        <translation>：没有丢失任何更新</translation>
    </message>
    <message>
        <source>0: every deposit is taken back out</source>
        <translation>0：每笔存款都被取了回去</translation>
    </message>
    <message>
        <source>Not 0: some updates get lost</source>
        <translation>不是 0：有些更新丢失了</translation>
    </message>
    <message>
        <source>without the lock the counter ended at {counter:,} of {expected:,}</source>
        <translation>不加锁时，计数器最终为 {counter:,}，应为 {expected:,}</translation>
    </message>
    <message>
        <source>{workers} threads each add 1 to a counter {iterations:,} times, without a lock. Where does the counter end?</source>
        <translation>{workers} 个线程在不加锁的情况下，各把计数器加 1 共 {iterations:,} 次。计数器最终是多少？</translation>
    </message>
    <message>
        <source>Exactly at {total:,}</source>
        <translation>正好是 {total:,}</translation>
    </message>
    <message>
        <source>Below {total:,}: some updates get lost</source>
        <translation>低于 {total:,}：有些更新丢失了</translation>
    </message>
    <message>
        <source>Above {total:,}</source>
        <translation>高于 {total:,}</translation>
    </message>
    <message>
        <source>Thread-1 takes lock_a, then lock_b. Thread-2 takes lock_b, then lock_a. Will both threads finish?</source>
        <translation>Thread-1 先获取 lock_a，再获取 lock_b。Thread-2 先获取 lock_b，再获取 lock_a。两个线程都能完成吗？</translation>
    </message>
    <message>
        <source>Both threads take lock_a first, then lock_b. Will both threads finish?</source>
        <translation>两个线程都先获取 lock_a，再获取 lock_b。两个线程都能完成吗？</translation>
    </message>
    <message>
        <source>Opposite order again, but acquire() gives up after 0.5 s and tries again later. Will both threads finish?</source>
        <translation>仍然是相反的顺序，但 acquire() 在 0.5 s 后放弃，稍后再试。两个线程都能完成吗？</translation>
    </message>
    <message>
        <source>both threads finished</source>
        <translation>两个线程都完成了</translation>
    </message>
    <message>
        <source>Yes: both get both locks and finish</source>
        <translation>能：两者都拿到了两把锁并完成</translation>
    </message>
    <message>
        <source>No: they wait for each other for ever</source>
        <translation>不能：它们会永远互相等待</translation>
    </message>
    <message>
        <source>{workers} threads</source>
        <translation>{workers} 个线程</translation>
    </message>
    <message>
        <source>{workers} processes</source>
        <translation>{workers} 个进程</translation>
    </message>
    <message>
        <source>{used:.1f} cores used</source>
        <translation>使用了 {used:.1f} 个核心</translation>
    </message>
    <message>
        <source>{what} each keep the CPU busy for {seconds:g} s, on {cores} cores. How many cores do they use together?</source>
        <translation>{what}各自让 CPU 忙碌 {seconds:g} s，共有 {cores} 个核心。它们一共使用多少个核心？</translation>
    </message>
    <message>
        <source>About 1 core</source>
        <translation>约 1 个核心</translation>
    </message>
    <message>
        <source>About {cores} cores</source>
        <translation>约 {cores} 个核心</translation>
    </message>
    <message>
        <source>Thread-A read {name}</source>
        <translation>Thread-A 读到了 {name}</translation>
    </message>
    <message>
        <source>Every thread sets local_school.student to its own name; when all have, each reads it back. What does Thread-A (the first) read?</source>
        <translation>每个线程都把 local_school.student 设为自己的名字；全部设置完后，每个线程再把它读回来。Thread-A（第一个线程）读到的是什么？</translation>
    </message>
    <message>
        <source>{name}: its own name</source>
        <translation>{name}：它自己的名字</translation>
    </message>
    <message>
        <source>{name}: the name set last</source>
        <translation>{name}：最后设置的名字</translation>
    </message>
    <message>
        <source>Nothing: AttributeError</source>
        <translation>什么也读不到：AttributeError</translation>
    </message>
    <message>
        <source>the results came back {completed}; the tasks finished {finished}</source>
        <translation>结果返回的顺序是 {completed}；任务完成的顺序是 {finished}</translation>
    </message>
    <message>
        <source>Tasks are submitted 0, 1, 2, … with different lengths. In which order does as_completed give the results?</source>
        <translation>任务按 0、1、2……的顺序提交，时长各不相同。as_completed 按什么顺序给出结果？</translation>
    </message>
    <message>
        <source>In the order submitted</source>
        <translation>按提交的顺序</translation>
    </message>
    <message>
        <source>In the order they finish</source>
        <translation>按完成的先后</translation>
    </message>
    <message>
        <source>In random order</source>
        <translation>随机的顺序</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（s）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>t1 (adds 5)</source>
        <translation>t1（加 5）</translation>
    </message>
    <message>
        <source>t2 (adds 8)</source>
        <translation>t2（加 8）</translation>
    </message>
    <message>
        <source>final balance, round %n</source>
        <translation>最终余额（第 %n 轮）</translation>
    </message>
    <message>
        <source>final balance</source>
        <translation>最终余额</translation>
    </message>
    <message>
        <source>lost updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <source>Press ▶ Run: two threads deposit and withdraw on one balance.</source>
        <translation>按 ▶ 运行：两个线程对同一笔余额进行存款和取款。</translation>
    </message>
    <message>
        <source>The run ended before the lesson printed its result.</source>
        <translation>运行在课程输出结果之前就结束了。</translation>
    </message>
    <message>
        <source>Running: the plot shows the balance as t1 and t2 change it.</source>
        <translation>运行中：图中显示 t1 和 t2 修改余额时余额的变化。</translation>
    </message>
    <message>
        <source>balance now (sampled)</source>
        <translation>当前余额（采样）</translation>
    </message>
    <message>
        <source>After the run: one real interleaving from it, step by step.</source>
        <translation>运行结束后：这里逐步展示其中一次真实的交错执行。</translation>
    </message>
    <message>
        <source>at least: counted from the balance</source>
        <translation>至少：根据余额推算</translation>
    </message>
    <message>
        <source>lost updates ({detail})</source>
        <translation>丢失的更新（{detail}）</translation>
    </message>
    <message>
        <source>{t1} of t1&apos;s, {t2} of t2&apos;s</source>
        <translation>t1 的 {t1} 次，t2 的 {t2} 次</translation>
    </message>
    <message>
        <source>... {steps} more steps ...</source>
        <translation>……还有 {steps} 步……</translation>
    </message>
    <message>
        <source>{version} switches threads only at calls and loop jumps, never inside `balance = balance + n`</source>
        <translation>{version} 只在函数调用和循环跳转处切换线程，从不在 `balance = balance + n` 内部切换</translation>
    </message>
    <message>
        <source>the lock let one thread at a time into change_it</source>
        <translation>锁每次只让一个线程进入 change_it</translation>
    </message>
    <message>
        <source>No update lost: the lock let one thread at a time into change_it.</source>
        <translation>没有丢失更新：锁每次只让一个线程进入 change_it。</translation>
    </message>
    <message>
        <source>No update lost this time: CPython never switched threads between a read and its write. Try more iterations.</source>
        <translation>这次没有丢失更新：CPython 从未在一次读取和它的写入之间切换线程。请增加迭代次数再试。</translation>
    </message>
    <message>
        <source>No steps shown: {version} can also switch threads inside the ledger, so only CPython 3.11+ records them exactly.</source>
        <translation>未显示步骤：{version} 在账本（ledger）内部也可能切换线程，因此只有 CPython 3.11+ 能准确记录这些步骤。</translation>
    </message>
    <message>
        <source>{code}  → {value}  ✗ {thread}&apos;s {old} lost</source>
        <translation>{code}  → {value}  ✗ {thread} 的 {old} 丢失了</translation>
    </message>
    <message>
        <source>No update lost: {why}. Variant widened puts a call there and shows a lost update step by step.</source>
        <translation>没有丢失更新：{why}。变体 widened 在那里加入一次调用，会逐步展示一次丢失的更新。</translation>
    </message>
    <message>
        <source>The textbook code keeps no ledger (a call inside change_it would change the race), so the lost updates are counted from the balance alone. Variant widened shows a lost update step by step.</source>
        <translation>教科书式的代码不记账本（ledger）（在 change_it 内部加入调用会改变竞争），因此丢失的更新只能根据余额推算。变体 widened 会逐步展示一次丢失的更新。</translation>
    </message>
    <message>
        <source>Balance 0 does not prove that nothing was lost: lost updates can cancel out. {version} can switch threads inside `balance = balance + n`: run it again, or with more iterations.</source>
        <translation>余额为 0 并不能证明没有丢失更新：丢失的更新可能相互抵消。{version} 可能在 `balance = balance + n` 内部切换线程：再运行一次，或者增加迭代次数。</translation>
    </message>
    <message>
        <source>No lost update: no interleaving to show.</source>
        <translation>没有丢失更新：没有可展示的交错执行。</translation>
    </message>
    <message>
        <source>&lt;b&gt;One real interleaving from this run:&lt;/b&gt; {writer} read, CPython ran {other} for {steps} steps, {writer} wrote its stale result: {other}&apos;s update is lost.</source>
        <translation>&lt;b&gt;本次运行中的一次真实交错执行：&lt;/b&gt;{writer} 读取后，CPython 让 {other} 运行了 {steps} 步，{writer} 再写回它过时的结果：{other} 的更新丢失了。</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <source>Open trace</source>
        <translation>打开跟踪文件</translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json);;All files (*)</source>
        <translation>Chrome 跟踪文件 JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Still reading {file}…</source>
        <translation>仍在读取 {file}…</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Stop the running lesson before opening a trace.</source>
        <translation>打开跟踪文件前，请先停止正在运行的课程。</translation>
    </message>
    <message>
        <source>The lesson&apos;s tab cannot show this trace ({reason})</source>
        <translation>课程的标签页无法显示此跟踪文件（{reason}）</translation>
    </message>
    <message>
        <source>Replaying {file} (recorded with Python {python})</source>
        <translation>正在回放 {file}（用 Python {python} 录制）</translation>
    </message>
    <message>
        <source>Replaying {file}</source>
        <translation>正在回放 {file}</translation>
    </message>
    <message>
        <source>{app} — replay of {file}</source>
        <translation>{app} — 回放 {file}</translation>
    </message>
    <message>
        <source>REPLAY of {file}: a recorded trace; nothing is running.</source>
        <translation>回放 {file}：这是录制的跟踪文件；当前没有任何程序在运行。</translation>
    </message>
    <message>
        <source>REPLAY of {file}: a recorded run of {lesson}; nothing is running. Press Run to run it live.</source>
        <translation>回放 {file}：{lesson} 的一次录制运行；当前没有任何程序在运行。按“运行”可实时运行它。</translation>
    </message>
    <message>
        <source>REPLAY of {file}: a recorded run of {lesson} that ended {how}; nothing is running.</source>
        <translation>回放 {file}：{lesson} 的一次录制运行，结束方式：{how}；当前没有任何程序在运行。</translation>
    </message>
    <message>
        <source>Could not open the trace: {reason}</source>
        <translation>无法打开跟踪文件：{reason}</translation>
    </message>
    <message>
        <source>Cannot open the trace</source>
        <translation>无法打开跟踪文件</translation>
    </message>
    <message>
        <source>A trace comes from File &gt; Export trace as JSON… or from concurrency-lab run LESSON --trace FILE.json.</source>
        <translation>跟踪文件可通过“文件 &gt; 导出跟踪文件为 JSON…”或命令 concurrency-lab run LESSON --trace FILE.json 生成。</translation>
    </message>
</context>
<context>
    <name>Scheduler</name>
    <message>
        <source>You are the scheduler</source>
        <translation>你来当调度器</translation>
    </message>
    <message>
        <source>Stopped: the lesson process was ended.</source>
        <translation>已停止：本课的进程已结束。</translation>
    </message>
    <message>
        <source>Starting the lesson&apos;s threads…</source>
        <translation>正在启动本课的线程…</translation>
    </message>
    <message>
        <source>{interpreter}, any machine: a switch may happen after any step</source>
        <translation>{interpreter}，任何机器：每一步之后都可能切换</translation>
    </message>
    <message>
        <source>Switch points: {rules}. Click a thread or press its number to let it take one step.</source>
        <translation>切换点：{rules}。点击一个线程或按它的编号，让它走一步。</translation>
    </message>
    <message>
        <source>{thread} cannot step now: {reason}</source>
        <translation>{thread} 现在不能走：{reason}</translation>
    </message>
    <message>
        <source>Done in %n move(s): {deadlock}. Neither thread can ever move again.</source>
        <translation>用了 %n 步完成：{deadlock}。两个线程都再也无法前进。</translation>
    </message>
    <message>
        <source>You made the balance wrong in %n move(s): {writer} read the balance, {other} changed it, then {writer} wrote its stale result over it: {other}&apos;s update is lost.</source>
        <translation>你用了 %n 步让余额出错：{writer} 读取了余额，{other} 改动了它，然后 {writer} 把过时的结果写了回去：{other} 的更新丢失了。</translation>
    </message>
    <message>
        <source>The real runs lost no update this time: nothing to replay.</source>
        <translation>这几次真实运行都没有丢失更新：没有可重放的内容。</translation>
    </message>
    <message>
        <source>Recording a real run of the widened race…</source>
        <translation>正在记录 widened 竞争的一次真实运行…</translation>
    </message>
    <message>
        <source>instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>This CPython</source>
        <translation>这个 CPython</translation>
    </message>
    <message>
        <source>Any machine</source>
        <translation>任何机器</translation>
    </message>
    <message>
        <source>One &amp;step:</source>
        <translation>一步(&amp;S)：</translation>
    </message>
    <message>
        <source>S&amp;witches:</source>
        <translation>切换(&amp;W)：</translation>
    </message>
    <message>
        <source>A step is one bytecode instruction or one source line (applies from the next start)</source>
        <translation>一步是一条字节码指令或一行源代码（从下次开始时生效）</translation>
    </message>
    <message>
        <source>This CPython: a switch only where this interpreter can hand the GIL over (⇄ in the listing). Any machine: a switch may happen anywhere, as on a free-threaded build or in other languages.</source>
        <translation>这个 CPython：只在这个解释器能交出 GIL 的地方切换（列表中的 ⇄）。任何机器：切换可能发生在任何地方，就像在自由线程构建或其他语言中那样。</translation>
    </message>
    <message>
        <source>↺  Start again</source>
        <translation>↺  重新开始</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  停止</translation>
    </message>
    <message>
        <source>&amp;Give up: show the answer</source>
        <translation>放弃(&amp;G)：揭晓答案</translation>
    </message>
    <message>
        <source>Reveal the answer to the class&apos;s question now (Alt+G)</source>
        <translation>现在揭晓全班所答问题的答案（Alt+G）</translation>
    </message>
    <message>
        <source>Replay the real run</source>
        <translation>重放真实运行</translation>
    </message>
    <message>
        <source>Step through an interleaving recorded from a real run of the widened race, at this many steps a second</source>
        <translation>按每秒这么多步，一步步重现从 widened 竞争的一次真实运行中记录的交错执行</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>%n move(s)</source>
        <translation>%n 步</translation>
    </message>
    <message>
        <source>Let {name} take one step (key {no})</source>
        <translation>让 {name} 走一步（按键 {no}）</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>stopped: {error}</source>
        <translation>已停止：{error}</translation>
    </message>
    <message>
        <source>waits for {lock}</source>
        <translation>等待 {lock}</translation>
    </message>
    <message>
        <source>line {line}, before {op}</source>
        <translation>第 {line} 行，{op} 之前</translation>
    </message>
    <message>
        <source>This interpreter can switch threads after this instruction.</source>
        <translation>这个解释器可以在这条指令之后切换线程。</translation>
    </message>
    <message>
        <source>Goal: make the balance wrong.</source>
        <translation>目标：让余额出错。</translation>
    </message>
    <message>
        <source>Goal: make both threads wait forever.</source>
        <translation>目标：让两个线程永远等下去。</translation>
    </message>
    <message>
        <source>Goal: try to break it (lose an update).</source>
        <translation>目标：试着破坏它（丢掉一次更新）。</translation>
    </message>
    <message>
        <source>Every thread has finished: {name} = {value}, as if no thread had ever been switched. The Lock let no update be lost.</source>
        <translation>所有线程都已结束：{name} = {value}，就像线程从未被切换过一样。锁没有让任何更新丢失。</translation>
    </message>
    <message>
        <source>The Lock held: {holder} holds {lock}, so {thread} waits at `with {lock}:` until it is released. Only one thread at a time reads and writes {shared}, whatever order you pick.</source>
        <translation>锁守住了：{holder} 持有 {lock}，所以 {thread} 在 `with {lock}:` 处等待，直到锁被释放。无论你选什么顺序，同一时刻只有一个线程读写 {shared}。</translation>
    </message>
    <message>
        <source>{name} = {value}  (without a lost update: {expected}; %n lost update(s))</source>
        <translation>{name} = {value}（若没有丢失更新应为 {expected}；丢失 %n 次更新）</translation>
    </message>
    <message>
        <source>{lock}: held by {thread}</source>
        <translation>{lock}：由 {thread} 持有</translation>
    </message>
    <message>
        <source>{lock}: free</source>
        <translation>{lock}：空闲</translation>
    </message>
    <message>
        <source>CPython {version}</source>
        <translation>CPython {version}</translation>
    </message>
    <message>
        <source>CPython {version} (free-threaded, GIL off)</source>
        <translation>CPython {version}（自由线程，GIL 关闭）</translation>
    </message>
    <message>
        <source>{interpreter} never switches just before {op}</source>
        <translation>{interpreter} 从不在 {op} 之前紧接着切换</translation>
    </message>
    <message>
        <source>{interpreter} does not check for a switch right after {op} (it jumps straight to the next instruction)</source>
        <translation>{interpreter} 在 {op} 之后不检查是否切换（它直接跳到下一条指令）</translation>
    </message>
    <message>
        <source>{interpreter} switches only at a call, a return, a jump back to the top of a loop or a function&apos;s start, not after {op}</source>
        <translation>{interpreter} 只在函数调用、返回、跳回循环开头或函数开始处切换，不会在 {op} 之后切换</translation>
    </message>
    <message>
        <source>there is no thread {thread} (threads 1 to {count})</source>
        <translation>没有线程 {thread}（线程编号为 1 到 {count}）</translation>
    </message>
    <message>
        <source>{thread} has finished</source>
        <translation>{thread} 已经结束</translation>
    </message>
    <message>
        <source>{thread} has stopped: {error}</source>
        <translation>{thread} 已停止：{error}</translation>
    </message>
    <message>
        <source>{thread} waits for {lock}, held by {holder}</source>
        <translation>{thread} 在等 {lock}，它被 {holder} 持有</translation>
    </message>
    <message>
        <source>{thread} cannot be switched away from here: {why} ({thread} is on line {line}, before {op})</source>
        <translation>不能从这里切换走 {thread}：{why}（{thread} 在第 {line} 行，{op} 之前）</translation>
    </message>
    <message>
        <source>{interpreter}: no GIL, a switch can happen anywhere</source>
        <translation>{interpreter}：没有 GIL，任何地方都可能切换</translation>
    </message>
    <message>
        <source>{interpreter}: before almost every instruction (not after loads of locals or constants, stores to locals and jumps)</source>
        <translation>{interpreter}：几乎每条指令之前都可以（但不在加载局部变量或常量、存入局部变量以及跳转之后）</translation>
    </message>
    <message>
        <source>{interpreter}: only at calls, returns, backward jumps and function starts</source>
        <translation>{interpreter}：只在函数调用、返回、向后跳转和函数开始处</translation>
    </message>
    <message>
        <source>{interpreter} cannot switch after {ops}, so {read} … {write} runs in one piece</source>
        <translation>{interpreter} 不能在 {ops} 之后切换，所以 {read} … {write} 一口气执行完</translation>
    </message>
    <message>
        <source>a switch may come after {read}, before {write}: the write then wipes out the other thread&apos;s update</source>
        <translation>切换可以落在 {read} 之后、{write} 之前：这次写随后会抹掉另一个线程的更新</translation>
    </message>
    <message>
        <source>{interpreter} can switch after {ops}, between {read} and {write}: the write then wipes out the other thread&apos;s update</source>
        <translation>{interpreter} 可以在 {ops} 之后切换，也就是在 {read} 和 {write} 之间：这次写随后会抹掉另一个线程的更新</translation>
    </message>
    <message>
        <source>Can you lose an update in {variant} under {interpreter} if a switch may happen anywhere, as on any machine?</source>
        <translation>如果切换可以发生在任何地方（就像在任何机器上那样），在 {interpreter} 下，你能让“{variant}”中的一次更新丢失吗？</translation>
    </message>
    <message>
        <source>Can you lose an update in {variant} under {interpreter}, switching only where it can hand over the GIL?</source>
        <translation>只在 {interpreter} 能交出 GIL 的地方切换，你能让“{variant}”中的一次更新丢失吗？</translation>
    </message>
    <message>
        <source>Yes: a switch can fall between the read and the write</source>
        <translation>能：切换可以落在读和写之间</translation>
    </message>
    <message>
        <source>No: the read and the write always run in one piece</source>
        <translation>不能：读和写总是一口气执行完</translation>
    </message>
</context>
<context>
    <name>ShowdownPanel</name>
    <message>
        <source>{wall:.2f} s wall · {cpu:.2f} s CPU · {speed:.1f}× sequential</source>
        <translation>墙钟 {wall:.2f} s · CPU {cpu:.2f} s · 顺序执行的 {speed:.1f}×</translation>
    </message>
    <message>
        <source>{wall:.2f} s wall · {speed:.1f}× sequential</source>
        <translation>墙钟 {wall:.2f} s · 顺序执行的 {speed:.1f}×</translation>
    </message>
    <message>
        <source>Bar: wall time, from the first job&apos;s start to the last job&apos;s end (shorter is better). Inner green bar: CPU time the jobs used. Below, each model&apos;s timeline from its own start, on one time axis.</source>
        <translation>条形：墙钟时间，从第一个作业开始到最后一个作业结束（越短越好）。内部绿色条：作业使用的 CPU 时间。下方是各模型从各自开始时刻起的时间线，使用同一时间轴。</translation>
    </message>
    <message>
        <source>This machine has %n core(s).</source>
        <translation>这台机器有 %n 个核心。</translation>
    </message>
    <message>
        <source>{wall:.2f} s wall, {cpu:.2f} s CPU</source>
        <translation>墙钟 {wall:.2f} s，CPU {cpu:.2f} s</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>sequential wall time</source>
        <translation>顺序执行的墙钟时间</translation>
    </message>
    <message>
        <source>{model} speed-up</source>
        <translation>{model} 加速比</translation>
    </message>
</context>
<context>
    <name>StackedRuns</name>
    <message>
        <source>Nothing to show yet.</source>
        <translation>还没有可显示的内容。</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>waiting for the GIL</source>
        <translation>等待 GIL</translation>
    </message>
    <message>
        <source>waiting (sleep, I/O, join, get)</source>
        <translation>等待（sleep、I/O、join、get）</translation>
    </message>
    <message>
        <source>holding a lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>task (lesson work)</source>
        <translation>任务（课程工作）</translation>
    </message>
    <message>
        <source>preempted / blocked</source>
        <translation>被抢占 / 阻塞</translation>
    </message>
    <message>
        <source>alive</source>
        <translation>存活</translation>
    </message>
</context>
<context>
    <name>TaskSwitchPanel</name>
    <message>
        <source>One thread, one coroutine at a time. The top row is the OS thread: each green slice is one step of the coroutine named on it, running until its next await (or switch, or yield); grey is the scheduler picking the next one; dashed lines mark the switches. Light blue is waiting: on the thread&apos;s row, in select, when nothing is ready.</source>
        <translation>一个线程，一次一个协程。最上面一行是操作系统线程：每一小段绿色是上面所写的那个协程的一步，一直运行到它的下一个 await（或切换，或 yield）；灰色是调度器在挑选下一个；虚线标出每次切换。浅蓝色是等待：在线程那一行上，表示没有任何东西就绪，在 select 中等待。</translation>
    </message>
    <message>
        <source>switches between coroutines</source>
        <translation>协程之间的切换</translation>
    </message>
    <message>
        <source>running at the same moment, at most</source>
        <translation>同一时刻最多在运行</translation>
    </message>
    <message>
        <source>OS threads</source>
        <translation>操作系统线程</translation>
    </message>
    <message>
        <source>{width} {unit} of {thread}, at {start} s · {legend}</source>
        <translation>{thread} 的 {width} {unit}，从 {start} s 起 · {legend}</translation>
    </message>
    <message>
        <source>time in this close-up ({unit})</source>
        <translation>此特写中的时间（{unit}）</translation>
    </message>
    <message>
        <source>scheduler picks the next</source>
        <translation>调度器挑选下一个</translation>
    </message>
    <message>
        <source>switch</source>
        <translation>切换</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>%n event(s) dropped: the window could not keep up</source>
        <translation>丢弃了 %n 个事件：窗口来不及处理</translation>
    </message>
    <message>
        <source>Before {t} s: slices closer than {ms} ms drawn as one</source>
        <translation>{t} 秒之前：间隔小于 {ms} 毫秒的片段合并绘制</translation>
    </message>
</context>
<context>
    <name>TimelineLabel</name>
    <message>
        <source>stale write</source>
        <translation>过时写入</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>hub</source>
        <translation>hub（调度器）</translation>
    </message>
    <message>
        <source>child&apos;s work</source>
        <translation>子进程的工作</translation>
    </message>
    <message>
        <source>waiting for a worker</source>
        <translation>等待空闲的工作进程</translation>
    </message>
    <message>
        <source>join() returned</source>
        <translation>join() 已返回</translation>
    </message>
    <message>
        <source>imports the module</source>
        <translation>导入模块</translation>
    </message>
    <message>
        <source>now without the lock</source>
        <translation>现在不加锁</translation>
    </message>
    <message>
        <source>cannot pickle</source>
        <translation>无法 pickle</translation>
    </message>
    <message>
        <source>main process</source>
        <translation>主进程</translation>
    </message>
    <message>
        <source>killed holding task #{n}</source>
        <translation>持有任务 #{n} 时被杀死</translation>
    </message>
    <message>
        <source>task #{n} lost</source>
        <translation>任务 #{n} 丢失</translation>
    </message>
    <message>
        <source>result of task {n}</source>
        <translation>任务 {n} 的结果</translation>
    </message>
    <message>
        <source>manager on {host}</source>
        <translation>{host} 上的管理进程</translation>
    </message>
    <message>
        <source>worker on {host}</source>
        <translation>{host} 上的工作进程</translation>
    </message>
    <message>
        <source>{lock} (timeout {s} s)</source>
        <translation>{lock}（超时 {s} 秒）</translation>
    </message>
    <message>
        <source>holds {held}, waits for {lock}</source>
        <translation>持有 {held}，等待 {lock}</translation>
    </message>
    <message>
        <source>waits for {lock}</source>
        <translation>等待 {lock}</translation>
    </message>
    <message>
        <source>holds {lock}</source>
        <translation>持有 {lock}</translation>
    </message>
    <message>
        <source>{name} · cut by Stop</source>
        <translation>{name} · 被停止截断</translation>
    </message>
    <message>
        <source>{name} · killed</source>
        <translation>{name} · 被杀死</translation>
    </message>
    <message>
        <source>{name} · terminated</source>
        <translation>{name} · 被终止</translation>
    </message>
</context>
<context>
    <name>TimelineText</name>
    <message>
        <source>cut short: its process was terminated</source>
        <translation>被截断：它的进程被终止了</translation>
    </message>
    <message>
        <source>cut short: its process was killed</source>
        <translation>被截断：它的进程被强行结束了</translation>
    </message>
    <message>
        <source>cut short: the run was stopped</source>
        <translation>被截断：这次运行被停止了</translation>
    </message>
    <message>
        <source>cut short: its process or thread ended</source>
        <translation>被截断：它的进程或线程结束了</translation>
    </message>
    <message>
        <source>cut short: {reason}</source>
        <translation>被截断：{reason}</translation>
    </message>
    <message>
        <source>state: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <source>from move {first}, still going</source>
        <translation>从第 {first} 步起，仍在进行</translation>
    </message>
    <message>
        <source>move {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <source>moves {first}–{last}</source>
        <translation>第 {first}–{last} 步</translation>
    </message>
    <message>
        <source>start {start} s · still running</source>
        <translation>开始于 {start} s · 仍在运行</translation>
    </message>
    <message>
        <source>start {start} s · {took}</source>
        <translation>开始于 {start} s · {took}</translation>
    </message>
    <message>
        <source>a counter: last {last}, lowest {low}, highest {high}</source>
        <translation>计数器：最后 {last}，最低 {low}，最高 {high}</translation>
    </message>
    <message>
        <source>process, PID {pid} · parent PID {parent}</source>
        <translation>进程，PID {pid} · 父进程 PID {parent}</translation>
    </message>
    <message>
        <source>process, PID {pid}</source>
        <translation>进程，PID {pid}</translation>
    </message>
    <message>
        <source>thread, TID {tid} in PID {pid}</source>
        <translation>线程，PID {pid} 中的 TID {tid}</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>仍在运行</translation>
    </message>
    <message>
        <source>alive {start} – {end}</source>
        <translation>存活 {start} – {end}</translation>
    </message>
    <message>
        <source>exit code {code}: {why}</source>
        <translation>退出码 {code}：{why}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>time (s)</source>
        <translation>时间 (s)</translation>
    </message>
    <message>
        <source>Press  ▶ Run  to watch this lesson happen</source>
        <translation>按下  ▶ 运行  ，观看本课的实际运行过程</translation>
    </message>
    <message>
        <source>wheel: zoom · drag: pan · double-click: whole run</source>
        <translation>滚轮：缩放 · 拖动：平移 · 双击：显示整个运行</translation>
    </message>
    <message>
        <source>moves (one step of one thread each)</source>
        <translation>步数（每步是一个线程走一步）</translation>
    </message>
</context>
<context>
    <name>WebPanel</name>
    <message>
        <source>The server has not started yet.</source>
        <translation>服务器尚未启动。</translation>
    </message>
    <message>
        <source>The server has stopped: run the lesson again to open it in your browser.</source>
        <translation>服务器已停止：再次运行本课即可在浏览器中打开它。</translation>
    </message>
    <message>
        <source>Open the page yourself while the server runs: your browser&apos;s request appears on the timeline too. Try /hello/yourname.</source>
        <translation>在服务器运行时自己打开这个页面：浏览器发出的请求也会出现在时间线上。试试 /hello/yourname。</translation>
    </message>
    <message>
        <source>The clients are done. The server stays up until you press Stop: open it in your browser, and watch your request on the timeline. Try /hello/yourname.</source>
        <translation>客户端已经结束。服务器一直运行，直到你按下“停止”：在浏览器中打开它，并在时间线上观察你的请求。试试 /hello/yourname。</translation>
    </message>
    <message>
        <source>Open in your browser</source>
        <translation>在浏览器中打开</translation>
    </message>
</context>
<context>
    <name>WindowLesson</name>
    <message>
        <source>Stopping {lesson}…</source>
        <translation>正在停止 {lesson}…</translation>
    </message>
</context>
<context>
    <name>WorkersPanel</name>
    <message>
        <source>worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>tasks
taken</source>
        <translation>取走的
任务</translation>
    </message>
    <message>
        <source>results
sent</source>
        <translation>发回的
结果</translation>
    </message>
    <message>
        <source>how it ended</source>
        <translation>结束方式</translation>
    </message>
    <message>
        <source>This manager listens on 127.0.0.1: only programs on this machine can reach it. Set bind to 0.0.0.0 (or this machine&apos;s address) to let other machines in.</source>
        <translation>此管理进程监听 127.0.0.1：只有本机上的程序能连接到它。将 bind 设为 0.0.0.0（或本机地址）即可让其他机器接入。</translation>
    </message>
    <message>
        <source>This manager accepts other machines: anyone with the key can send it pickles, and unpickling runs code. Use it on a network you trust, and only during the lesson.</source>
        <translation>此管理进程接受其他机器的连接：任何持有密钥的人都能向它发送 pickle 数据，而反序列化（unpickle）会执行代码。请只在可信的网络中使用，并且只在上课期间使用。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>reported by the manager</source>
        <translation>由管理进程报告</translation>
    </message>
    <message>
        <source>refused: wrong key</source>
        <translation>被拒绝：密钥错误</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>Copies the command with its key. The key is not shown: whoever sees it can run code on this machine.</source>
        <translation>复制包含密钥的完整命令。密钥不会显示在屏幕上：看到它的人都能在本机上运行代码。</translation>
    </message>
    <message>
        <source>The manager has stopped; this command worked while it ran:</source>
        <translation>管理进程已停止；它运行时，以下命令可用：</translation>
    </message>
    <message>
        <source>Start a worker on another machine with:</source>
        <translation>在另一台机器上用以下命令启动工作进程：</translation>
    </message>
    <message>
        <source>The manager has not started yet.</source>
        <translation>管理进程尚未启动。</translation>
    </message>
    <message>
        <source>{name} (not traced here)</source>
        <translation>{name}（此处未跟踪）</translation>
    </message>
    <message>
        <source>results back</source>
        <translation>回来的结果</translation>
    </message>
    <message>
        <source>{got} of {total}</source>
        <translation>{total} 个中的 {got} 个</translation>
    </message>
    <message>
        <source>lost tasks</source>
        <translation>丢失的任务</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>wrong key</source>
        <translation>错误密钥</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>let in</source>
        <translation>被放行</translation>
    </message>
</context>
<context>
    <name>catalog</name>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Distributed processes</source>
        <translation>分布式进程</translation>
    </message>
    <message>
        <source>Coroutines and async IO</source>
        <translation>协程与异步 IO</translation>
    </message>
    <message>
        <source>Showdown</source>
        <translation>对决</translation>
    </message>
    <message>
        <source>fork(): one call, two returns</source>
        <translation>fork()：一次调用，两次返回</translation>
    </message>
    <message>
        <source>Start a Process and join() it</source>
        <translation>启动一个 Process 并 join() 它</translation>
    </message>
    <message>
        <source>how long the child works</source>
        <translation>子进程工作多长时间</translation>
    </message>
    <message>
        <source>A pool of worker processes</source>
        <translation>工作进程池</translation>
    </message>
    <message>
        <source>worker processes in the pool</source>
        <translation>池中的工作进程数</translation>
    </message>
    <message>
        <source>tasks submitted to the pool</source>
        <translation>提交到池中的任务数</translation>
    </message>
    <message>
        <source>seed of the random task lengths</source>
        <translation>随机任务时长的种子</translation>
    </message>
    <message>
        <source>concurrent.futures: results as they finish</source>
        <translation>concurrent.futures：谁先完成，先拿谁的结果</translation>
    </message>
    <message>
        <source>seed of the order of the task lengths</source>
        <translation>打乱任务时长顺序的随机种子</translation>
    </message>
    <message>
        <source>A Queue: writer → reader</source>
        <translation>Queue：写入方 → 读取方</translation>
    </message>
    <message>
        <source>comma-separated values the writer puts</source>
        <translation>写入方放入的值，用逗号分隔</translation>
    </message>
    <message>
        <source>at most this many seconds between two puts</source>
        <translation>两次 put 之间最多间隔的秒数</translation>
    </message>
    <message>
        <source>A Pipe: messages both ways</source>
        <translation>Pipe：双向传递消息</translation>
    </message>
    <message>
        <source>messages sent each way</source>
        <translation>每个方向发送的消息数</translation>
    </message>
    <message>
        <source>fork, spawn, forkserver</source>
        <translation>fork、spawn、forkserver</translation>
    </message>
    <message>
        <source>pass the child a picklable argument, or one spawn cannot pickle</source>
        <translation>传给子进程一个可 pickle 的参数，或一个 spawn 无法 pickle 的参数</translation>
    </message>
    <message>
        <source>MainThread and a LoopThread</source>
        <translation>MainThread 与一个 LoopThread</translation>
    </message>
    <message>
        <source>how many times LoopThread counts</source>
        <translation>LoopThread 计数的次数</translation>
    </message>
    <message>
        <source>seconds between two counts</source>
        <translation>两次计数之间的秒数</translation>
    </message>
    <message>
        <source>A race on a shared balance</source>
        <translation>共享余额上的竞争</translation>
    </message>
    <message>
        <source>the textbook code, a switch point between read and write, or a Lock</source>
        <translation>教科书式代码、在读和写之间加一个切换点，或使用 Lock</translation>
    </message>
    <message>
        <source>deposits and withdrawals per thread</source>
        <translation>每个线程的存款和取款次数</translation>
    </message>
    <message>
        <source>One Lock, several threads</source>
        <translation>一个 Lock，多个线程</translation>
    </message>
    <message>
        <source>threads that share the lock</source>
        <translation>共享这把锁的线程数</translation>
    </message>
    <message>
        <source>updates each thread makes under the lock</source>
        <translation>每个线程在锁内进行的更新次数</translation>
    </message>
    <message>
        <source>Deadlock: two locks, opposite order</source>
        <translation>死锁：两把锁，相反顺序</translation>
    </message>
    <message>
        <source>take the locks in opposite order, in one order, or with a timeout</source>
        <translation>以相反顺序获取锁、按同一顺序获取，或带超时获取</translation>
    </message>
    <message>
        <source>The GIL: N threads, one core</source>
        <translation>GIL：N 个线程，一个核心</translation>
    </message>
    <message>
        <source>run the busy loops in threads or processes</source>
        <translation>在线程还是进程中运行忙循环</translation>
    </message>
    <message>
        <source>busy workers</source>
        <translation>忙碌的工作线程（或进程）数</translation>
    </message>
    <message>
        <source>how long each worker spins</source>
        <translation>每个工作线程（或进程）空转多长时间</translation>
    </message>
    <message>
        <source>sys.setswitchinterval, in milliseconds</source>
        <translation>sys.setswitchinterval，单位为毫秒</translation>
    </message>
    <message>
        <source>threading.local() per thread</source>
        <translation>每个线程的 threading.local()</translation>
    </message>
    <message>
        <source>comma-separated: one thread per name</source>
        <translation>用逗号分隔：每个名字一个线程</translation>
    </message>
    <message>
        <source>A task queue over the network</source>
        <translation>通过网络的任务队列</translation>
    </message>
    <message>
        <source>numbers the manager puts in the task queue</source>
        <translation>管理进程放入任务队列的数字个数</translation>
    </message>
    <message>
        <source>workers started on this machine (0: only the ones you start yourself)</source>
        <translation>在本机启动的工作进程数（0：只用你自己启动的）</translation>
    </message>
    <message>
        <source>the address the manager listens on: 127.0.0.1 (or empty) is this machine only, 0.0.0.0 lets other machines in</source>
        <translation>管理进程监听的地址：127.0.0.1（或留空）仅限本机，0.0.0.0 允许其他机器接入</translation>
    </message>
    <message>
        <source>the port it listens on (0: a free one)</source>
        <translation>监听的端口（0：任选一个空闲端口）</translation>
    </message>
    <message>
        <source>how long the manager waits for a result once its own workers are done (time to start workers elsewhere)</source>
        <translation>管理进程自己的工作进程完成后，还要等待结果多长时间（留出时间在别处启动工作进程）</translation>
    </message>
    <message>
        <source>A worker with the wrong key</source>
        <translation>密钥错误的工作进程</translation>
    </message>
    <message>
        <source>workers with the right key</source>
        <translation>密钥正确的工作进程数</translation>
    </message>
    <message>
        <source>A worker dies holding a task</source>
        <translation>工作进程带着任务死掉</translation>
    </message>
    <message>
        <source>workers; the first one is killed during its first task</source>
        <translation>工作进程数；第一个会在执行它的第一个任务时被杀死</translation>
    </message>
    <message>
        <source>CPU-bound: which model wins?</source>
        <translation>CPU 密集型：哪种模型胜出？</translation>
    </message>
    <message>
        <source>jobs, each the same pure-Python arithmetic</source>
        <translation>作业数，每个作业执行相同的纯 Python 算术</translation>
    </message>
    <message>
        <source>pure-Python steps per job, each a multiply, a modulo and an add</source>
        <translation>每个作业的纯 Python 步数，每步是一次乘法、一次取模和一次加法</translation>
    </message>
    <message>
        <source>I/O-bound: which model wins?</source>
        <translation>I/O 密集型：哪种模型胜出？</translation>
    </message>
    <message>
        <source>requests, each to a local server that answers late</source>
        <translation>请求数，每个请求发往一个迟迟才应答的本地服务器</translation>
    </message>
    <message>
        <source>how long the server waits before it answers</source>
        <translation>服务器应答前等待多长时间</translation>
    </message>
    <message>
        <source>Generators: send() and yield</source>
        <translation>生成器：send() 与 yield</translation>
    </message>
    <message>
        <source>items the producer makes</source>
        <translation>生产者产生的项目数</translation>
    </message>
    <message>
        <source>gevent: greenlets take turns</source>
        <translation>gevent：greenlet 轮流执行</translation>
    </message>
    <message>
        <source>run without yielding, or gevent.sleep(0)</source>
        <translation>不让出控制权运行，或调用 gevent.sleep(0)</translation>
    </message>
    <message>
        <source>greenlets spawned</source>
        <translation>生成的 greenlet 数</translation>
    </message>
    <message>
        <source>gevent: waiting for I/O together</source>
        <translation>gevent：一起等待 I/O</translation>
    </message>
    <message>
        <source>seconds the local server waits, per URL</source>
        <translation>本地服务器对每个 URL 等待的秒数</translation>
    </message>
    <message>
        <source>asyncio: two tasks, one loop</source>
        <translation>asyncio：两个任务，一个事件循环</translation>
    </message>
    <message>
        <source>seconds each coroutine awaits</source>
        <translation>每个协程 await 的秒数</translation>
    </message>
    <message>
        <source>asyncio: slow servers, one thread</source>
        <translation>asyncio：慢速服务器，单个线程</translation>
    </message>
    <message>
        <source>seconds each local server waits</source>
        <translation>每个本地服务器等待的秒数</translation>
    </message>
    <message>
        <source>async/await and the old syntax</source>
        <translation>async/await 与旧语法</translation>
    </message>
    <message>
        <source>An aiohttp server and N clients</source>
        <translation>一个 aiohttp 服务器与 N 个客户端</translation>
    </message>
    <message>
        <source>handlers that await, or that block</source>
        <translation>处理函数使用 await，还是会阻塞</translation>
    </message>
    <message>
        <source>requests sent at the same time</source>
        <translation>同时发送的请求数</translation>
    </message>
</context>
</TS>
