<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="27" />
        <source>World4RL Studio</source>
        <translation>World4RL Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="30" />
        <source>Datasets and checkpoints to open</source>
        <translation>Datasets and checkpoints to open</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::DatasetBrowser</name>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="31" />
        <source>Filter: task, source, demo, success or failure</source>
        <translation>Filter: task, source, demo, success or failure</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="33" />
        <source>Show only episodes whose task, source or name contains all of these words</source>
        <translation>Show only episodes whose task, source or name contains all of these words</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36" />
        <source>Episode</source>
        <translation>Episode</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36" />
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36" />
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="92" />
        <source> (held out)</source>
        <translation> (held out)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="94" />
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="94" />
        <source>failure</source>
        <translation>failure</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::EpisodeView</name>
    <message>
        <location filename="../widgets/episode_view.cpp" line="34" />
        <source>Select an episode in the dataset browser</source>
        <translation>Select an episode in the dataset browser</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="36" />
        <source>Scrub through the episode</source>
        <translation>Scrub through the episode</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="38" />
        <location filename="../widgets/episode_view.cpp" line="98" />
        <location filename="../widgets/episode_view.cpp" line="104" />
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="39" />
        <source>Play or pause (Space)</source>
        <translation>Play or pause (Space)</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="42" />
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="43" />
        <source>One step back (Left)</source>
        <translation>One step back (Left)</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="46" />
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="47" />
        <source>One step forward (Right)</source>
        <translation>One step forward (Right)</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="52" />
        <source> steps/s</source>
        <translation> steps/s</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="53" />
        <source>Playback speed</source>
        <translation>Playback speed</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="57" />
        <source>step</source>
        <translation>step</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="58" />
        <source>action</source>
        <translation>action</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="98" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="162" />
        <source>%1, %2 (%3): step %4 of %5</source>
        <translation>%1, %2 (%3): step %4 of %5</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::MainWindow</name>
    <message>
        <location filename="../widgets/main_window.cpp" line="51" />
        <source>World4RL Studio</source>
        <translation>World4RL Studio</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="56" />
        <source>Datasets and checkpoints loaded in this session</source>
        <translation>Datasets and checkpoints loaded in this session</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="58" />
        <source>Datasets</source>
        <translation>Datasets</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="59" />
        <source>Loaded files</source>
        <translation>Loaded files</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="64" />
        <source>dataset</source>
        <translation>dataset</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="76" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="77" />
        <source>&amp;Open...</source>
        <translation>&amp;Open...</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="79" />
        <source>Open datasets or checkpoints</source>
        <translation>Open datasets or checkpoints</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="80" />
        <source>Datasets and checkpoints (*.hdf5 *.h5 *.pt);;All files (*)</source>
        <translation>Datasets and checkpoints (*.hdf5 *.h5 *.pt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="84" />
        <source>Open robomimic/LIBERO datasets and World4RL checkpoints</source>
        <translation>Open robomimic/LIBERO datasets and World4RL checkpoints</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="85" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="88" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="91" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="94" />
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="98" />
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="107" />
        <source>The language changes when the studio is started again</source>
        <translation>The language changes when the studio is started again</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="111" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="112" />
        <source>&amp;About World4RL Studio</source>
        <translation>&amp;About World4RL Studio</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="130" />
        <source>world model</source>
        <translation>world model</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="131" />
        <source>policy</source>
        <translation>policy</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="132" />
        <source>reward classifier</source>
        <translation>reward classifier</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="141" />
        <source>Loaded %1: %2</source>
        <translation>Loaded %1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="148" />
        <source>Cannot open file</source>
        <translation>Cannot open file</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="149" />
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="171" />
        <source>About World4RL Studio</source>
        <translation>About World4RL Studio</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="172" />
        <source>&lt;h3&gt;World4RL Studio %1&lt;/h3&gt;&lt;p&gt;Refine robot policies with reinforcement learning inside a learned diffusion world model.&lt;/p&gt;&lt;p&gt;Libraries: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;World4RL Studio %1&lt;/h3&gt;&lt;p&gt;Refine robot policies with reinforcement learning inside a learned diffusion world model.&lt;/p&gt;&lt;p&gt;Libraries: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::ResourceMonitor</name>
    <message>
        <location filename="../widgets/resource_monitor.cpp" line="11" />
        <source>Compute device used for training and imagination, CPU threads, memory in use</source>
        <translation>Compute device used for training and imagination, CPU threads, memory in use</translation>
    </message>
    <message>
        <location filename="../widgets/resource_monitor.cpp" line="26" />
        <source>%1 | %2 threads | %3 MB</source>
        <translation>%1 | %2 threads | %3 MB</translation>
    </message>
</context>
</TS>