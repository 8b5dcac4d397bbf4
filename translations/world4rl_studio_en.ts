<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="31"/>
        <source>World4RL Studio</source>
        <translation>World4RL Studio</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="34"/>
        <source>Datasets and checkpoints to open</source>
        <translation>Datasets and checkpoints to open</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="37"/>
        <source>Open the demo, save a picture of each panel into DIR, and quit</source>
        <translation>Open the demo, save a picture of each panel into DIR, and quit</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::DatasetBrowser</name>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="31"/>
        <source>Filter: task, source, demo, success or failure</source>
        <translation>Filter: task, source, demo, success or failure</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="33"/>
        <source>Show only episodes whose task, source or name contains all of these words</source>
        <translation>Show only episodes whose task, source or name contains all of these words</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36"/>
        <source>Episode</source>
        <translation>Episode</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36"/>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="97"/>
        <source> (held out)</source>
        <translation> (held out)</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="99"/>
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="99"/>
        <source>failure</source>
        <translation>failure</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::DreamTruthPanel</name>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="45"/>
        <source>Built-in task whose fresh starts are dreamt and replayed</source>
        <translation>Built-in task whose fresh starts are dreamt and replayed</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="46"/>
        <source>Random actions</source>
        <translation>Random actions</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="47"/>
        <source>Uniform random actions instead of the policy&apos;s</source>
        <translation>Uniform random actions instead of the policy&apos;s</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="50"/>
        <source>acting on the dream</source>
        <translation>acting on the dream</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="51"/>
        <source>acting on the real task</source>
        <translation>acting on the real task</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="53"/>
        <source>On the dream: the policy sees the dreamt frames and its actions are replayed in the real task. On the real task: it plays its own real episode and the world model dreams those actions, so the dream is judged on actions it did not steer</source>
        <translation>On the dream: the policy sees the dreamt frames and its actions are replayed in the real task. On the real task: it plays its own real episode and the world model dreams those actions, so the dream is judged on actions it did not steer</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="59"/>
        <source>Starts: evaluation seeds 0 to N-1, as eval-policy&apos;s episodes</source>
        <translation>Starts: evaluation seeds 0 to N-1, as eval-policy&apos;s episodes</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="63"/>
        <source>Steps dreamt and replayed from each start (the built-in tasks&apos; episodes: 50)</source>
        <translation>Steps dreamt and replayed from each start (the built-in tasks&apos; episodes: 50)</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="68"/>
        <source>Dreams of each start&apos;s actions: an imagined success needs every one of them to show it, so a success the world model shows by the luck of one sample does not count</source>
        <translation>Dreams of each start&apos;s actions: an imagined success needs every one of them to show it, so a success the world model shows by the luck of one sample does not count</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="70"/>
        <source>Compare</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="72"/>
        <source>Dream from each start, replay the same actions in the real task and compare</source>
        <translation>Dream from each start, replay the same actions in the real task and compare</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="73"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="80"/>
        <source>Open a world model, a success classifier and a policy, then compare</source>
        <translation>Open a world model, a success classifier and a policy, then compare</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Dream</source>
        <translation>Dream</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Real</source>
        <translation>Real</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Classifier on real</source>
        <translation>Classifier on real</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Max p dream</source>
        <translation>Max p dream</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Max p real</source>
        <translation>Max p real</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="96"/>
        <source>Scrub the dream and the real replay together</source>
        <translation>Scrub the dream and the real replay together</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="99"/>
        <location filename="../widgets/dream_truth_panel.cpp" line="128"/>
        <source>dream</source>
        <translation>dream</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="100"/>
        <location filename="../widgets/dream_truth_panel.cpp" line="129"/>
        <source>real replay</source>
        <translation>real replay</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="102"/>
        <source>threshold</source>
        <translation>threshold</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="105"/>
        <source>success probability</source>
        <translation>success probability</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="106"/>
        <source>step</source>
        <translation>step</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="113"/>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="117"/>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="119"/>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="121"/>
        <source>Dreams</source>
        <translation>Dreams</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="130"/>
        <source>|difference|</source>
        <translation>|difference|</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="215"/>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="218"/>
        <source>World model: %1; classifier: %2; actions: %3</source>
        <translation>World model: %1; classifier: %2; actions: %3</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="220"/>
        <source>uniform random</source>
        <translation>uniform random</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="220"/>
        <source>policy %1</source>
        <translation>policy %1</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="250"/>
        <source>Dreaming and replaying: %1 of %2 starts, %3</source>
        <translation>Dreaming and replaying: %1 of %2 starts, %3</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="254"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="256"/>
        <source>Loading the models...</source>
        <translation>Loading the models...</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="290"/>
        <source>none imagined</source>
        <translation>none imagined</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="291"/>
        <location filename="../widgets/dream_truth_panel.cpp" line="317"/>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 of %3)</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="293"/>
        <source>%1 starts of %2, %3: agreement %4 [%5-%6], imagined success %7, real %8, precision of imagined success %9; disagreements: %10 the world model&apos;s, %11 the classifier&apos;s</source>
        <translation>%1 starts of %2, %3: agreement %4 [%5-%6], imagined success %7, real %8, precision of imagined success %9; disagreements: %10 the world model&apos;s, %11 the classifier&apos;s</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="308"/>
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="308"/>
        <source>failure</source>
        <translation>failure</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="326"/>
        <source>Start %1: environment seed %2</source>
        <translation>Start %1: environment seed %2</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="380"/>
        <source>step %1 of %2: p dream %3, p real %4, PSNR %5 dB</source>
        <translation>step %1 of %2: p dream %3, p real %4, PSNR %5 dB</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::EpisodeView</name>
    <message>
        <location filename="../widgets/episode_view.cpp" line="34"/>
        <source>Select an episode in the dataset browser</source>
        <translation>Select an episode in the dataset browser</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="36"/>
        <source>Scrub through the episode</source>
        <translation>Scrub through the episode</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="38"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="39"/>
        <source>Play or pause (Space)</source>
        <translation>Play or pause (Space)</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="42"/>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="43"/>
        <source>One step back (Left)</source>
        <translation>One step back (Left)</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="46"/>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="47"/>
        <source>One step forward (Right)</source>
        <translation>One step forward (Right)</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="52"/>
        <source> steps/s</source>
        <translation> steps/s</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="53"/>
        <source>Playback speed</source>
        <translation>Playback speed</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="55"/>
        <source>step</source>
        <translation>step</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="56"/>
        <source>action</source>
        <translation>action</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="144"/>
        <source>%1, %2 (%3): step %4 of %5</source>
        <translation>%1, %2 (%3): step %4 of %5</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::MainWindow</name>
    <message>
        <location filename="../widgets/main_window.cpp" line="69"/>
        <source>World4RL Studio</source>
        <translation>World4RL Studio</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="74"/>
        <source>Datasets and checkpoints loaded in this session</source>
        <translation>Datasets and checkpoints loaded in this session</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="76"/>
        <source>Datasets</source>
        <translation>Datasets</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="77"/>
        <source>Loaded files</source>
        <translation>Loaded files</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="79"/>
        <source>Runs</source>
        <translation>Runs</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="81"/>
        <source>Real vs imagined</source>
        <translation>Real vs imagined</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="83"/>
        <source>Teleop</source>
        <translation>Teleop</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="85"/>
        <source>Dream vs real</source>
        <translation>Dream vs real</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="87"/>
        <source>3D view</source>
        <translation>3D view</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="111"/>
        <source>dataset</source>
        <translation>dataset</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="129"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="130"/>
        <source>&amp;Open...</source>
        <translation>&amp;Open...</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="132"/>
        <source>Open datasets or checkpoints</source>
        <translation>Open datasets or checkpoints</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="133"/>
        <source>Datasets and checkpoints (*.hdf5 *.h5 *.pt *.safetensors);;All files (*)</source>
        <translation>Datasets and checkpoints (*.hdf5 *.h5 *.pt *.safetensors);;All files (*)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="137"/>
        <source>Open robomimic/LIBERO datasets and World4RL checkpoints</source>
        <translation>Open robomimic/LIBERO datasets and World4RL checkpoints</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="138"/>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="141"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="144"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="147"/>
        <source>&amp;Reset layout</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="149"/>
        <source>Dock every panel where it starts and fit the window to the screen</source>
        <translation>Dock every panel where it starts and fit the window to the screen</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="151"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="154"/>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="165"/>
        <source>The language changes when the studio is started again</source>
        <translation>The language changes when the studio is started again</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="169"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="170"/>
        <source>Open the &amp;demo</source>
        <translation>Open the &amp;demo</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="171"/>
        <source>A small hammer dataset with its world model, classifier, policy and refinement run</source>
        <translation>A small hammer dataset with its world model, classifier, policy and refinement run</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="172"/>
        <source>&amp;About World4RL Studio</source>
        <translation>&amp;About World4RL Studio</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="183"/>
        <source>The built-in demo is not installed: packaging/make-demo.sh makes it (see the README)</source>
        <translation>The built-in demo is not installed: packaging/make-demo.sh makes it (see the README)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="207"/>
        <source>world model</source>
        <translation>world model</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="208"/>
        <source>policy</source>
        <translation>policy</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="209"/>
        <source>reward classifier</source>
        <translation>reward classifier</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="233"/>
        <source>Loaded %1: %2</source>
        <translation>Loaded %1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="240"/>
        <source>Cannot open file</source>
        <translation>Cannot open file</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="241"/>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="264"/>
        <source>About World4RL Studio</source>
        <translation>About World4RL Studio</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="265"/>
        <source>&lt;h3&gt;World4RL Studio %1&lt;/h3&gt;&lt;p&gt;Refine robot policies with reinforcement learning inside a learned diffusion world model.&lt;/p&gt;&lt;p&gt;Libraries: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;World4RL Studio %1&lt;/h3&gt;&lt;p&gt;Refine robot policies with reinforcement learning inside a learned diffusion world model.&lt;/p&gt;&lt;p&gt;Libraries: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::MetricsChart</name>
    <message>
        <location filename="../widgets/metrics_chart.cpp" line="44"/>
        <source>Metric to chart (CleanRL-style names from metrics.jsonl or TensorBoard event files)</source>
        <translation>Metric to chart (CleanRL-style names from metrics.jsonl or TensorBoard event files)</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::PlaybackDriver</name>
    <message>
        <location filename="../widgets/playback_driver.cpp" line="25"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../widgets/playback_driver.cpp" line="25"/>
        <location filename="../widgets/playback_driver.cpp" line="32"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::ResourceMonitor</name>
    <message>
        <location filename="../widgets/resource_monitor.cpp" line="11"/>
        <source>Compute device used for training and imagination, CPU threads, memory in use</source>
        <translation>Compute device used for training and imagination, CPU threads, memory in use</translation>
    </message>
    <message>
        <location filename="../widgets/resource_monitor.cpp" line="26"/>
        <source>%1 | %2 threads | %3 MB</source>
        <translation>%1 | %2 threads | %3 MB</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::RolloutPanel</name>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="46"/>
        <source>Where the dream&apos;s samples of this step differ: bright where the world model is unsure</source>
        <translation>Where the dream&apos;s samples of this step differ: bright where the world model is unsure</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="47"/>
        <source>Open a world model and select an episode</source>
        <translation>Open a world model and select an episode</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="57"/>
        <source>Step of the real episode the imagination starts from</source>
        <translation>Step of the real episode the imagination starts from</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="58"/>
        <source>Steps imagined open-loop with the episode&apos;s actions</source>
        <translation>Steps imagined open-loop with the episode&apos;s actions</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="59"/>
        <source>Seed of the sampling noise: another seed, another dream</source>
        <translation>Seed of the sampling noise: another seed, another dream</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="60"/>
        <source>Denoising steps per frame (0: the checkpoint&apos;s)</source>
        <translation>Denoising steps per frame (0: the checkpoint&apos;s)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="62"/>
        <source>Dream each step this many times and show where the samples differ (each step costs as many samples); the dream goes on with the first</source>
        <translation>Dream each step this many times and show where the samples differ (each step costs as many samples); the dream goes on with the first</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="64"/>
        <source>Imagine</source>
        <translation>Imagine</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="67"/>
        <source>Imagine the rollout with these settings (Ctrl+I)</source>
        <translation>Imagine the rollout with these settings (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="68"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="69"/>
        <source>Export mp4...</source>
        <translation>Export mp4...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="70"/>
        <source>Export PNG...</source>
        <translation>Export PNG...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="71"/>
        <source>Save the current step&apos;s real | imagined | |difference| picture</source>
        <translation>Save the current step&apos;s real | imagined | |difference| picture</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="73"/>
        <source>Scrub real, imagined and difference together</source>
        <translation>Scrub real, imagined and difference together</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="75"/>
        <location filename="../widgets/rollout_panel.cpp" line="79"/>
        <source>PSNR (dB)</source>
        <translation>PSNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="76"/>
        <location filename="../widgets/rollout_panel.cpp" line="80"/>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="81"/>
        <location filename="../widgets/rollout_panel.cpp" line="96"/>
        <source>imagined step</source>
        <translation>imagined step</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="85"/>
        <location filename="../widgets/rollout_panel.cpp" line="114"/>
        <source>real</source>
        <translation>real</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="86"/>
        <location filename="../widgets/rollout_panel.cpp" line="115"/>
        <source>imagined</source>
        <translation>imagined</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="89"/>
        <source>success probability</source>
        <translation>success probability</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="93"/>
        <source>mean sample spread (% of range)</source>
        <translation>mean sample spread (% of range)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="95"/>
        <source>spread (%)</source>
        <translation>spread (%)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="102"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="103"/>
        <source>Horizon</source>
        <translation>Horizon</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="104"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="105"/>
        <source>Denoising steps</source>
        <translation>Denoising steps</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="106"/>
        <source>Samples</source>
        <translation>Samples</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="116"/>
        <source>|difference|</source>
        <translation>|difference|</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="117"/>
        <source>sample spread</source>
        <translation>sample spread</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="142"/>
        <source>Export video</source>
        <translation>Export video</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="142"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 video (*.mp4)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="147"/>
        <source>Export picture</source>
        <translation>Export picture</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="147"/>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="156"/>
        <source>Loading %1...</source>
        <translation>Loading %1...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="162"/>
        <source>World model ready on %1 (%2x%2 frames)</source>
        <translation>World model ready on %1 (%2x%2 frames)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="218"/>
        <source>Imagining %1 steps...</source>
        <translation>Imagining %1 steps...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="245"/>
        <source>%1 steps imagined from step %2 of %3: mean PSNR %4 dB, SSIM %5</source>
        <translation>%1 steps imagined from step %2 of %3: mean PSNR %4 dB, SSIM %5</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="286"/>
        <source>step %1/%2  PSNR %3 dB  SSIM %4</source>
        <translation>step %1/%2  PSNR %3 dB  SSIM %4</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="292"/>
        <source>  success p: real %1, imagined %2</source>
        <translation>  success p: real %1, imagined %2</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="296"/>
        <source>  sample spread %1%</source>
        <translation>  sample spread %1%</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="327"/>
        <source>Writing %1...</source>
        <translation>Writing %1...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="336"/>
        <source>Wrote %1</source>
        <translation>Wrote %1</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::RunsPanel</name>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="56"/>
        <source>The stage to run; the same as the world4rl command of that name</source>
        <translation>The stage to run; the same as the world4rl command of that name</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="62"/>
        <source>Dataset files, separated by &apos;;&apos;</source>
        <translation>Dataset files, separated by &apos;;&apos;</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="63"/>
        <source>Task (the pipeline takes several, separated by &apos;,&apos;)</source>
        <translation>Task (the pipeline takes several, separated by &apos;,&apos;)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="64"/>
        <source>Run directory (collect, dream: the dataset file to write)</source>
        <translation>Run directory (collect, dream: the dataset file to write)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="65"/>
        <source>Policy checkpoint (refine, evaluate)</source>
        <translation>Policy checkpoint (refine, evaluate)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="66"/>
        <source>World-model checkpoint (refine, dream)</source>
        <translation>World-model checkpoint (refine, dream)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="67"/>
        <source>Success-classifier checkpoint (refine; evaluate: audited on the real episodes)</source>
        <translation>Success-classifier checkpoint (refine; evaluate: audited on the real episodes)</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="68"/>
        <source>Settings as key=value, separated by spaces, e.g. steps=2000 lr=1e-4</source>
        <translation>Settings as key=value, separated by spaces, e.g. steps=2000 lr=1e-4</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="69"/>
        <source>Resume the run in the directory</source>
        <translation>Resume the run in the directory</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="70"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="72"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="74"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="79"/>
        <source>Folder whose runs are listed below</source>
        <translation>Folder whose runs are listed below</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="82"/>
        <source>Runs found in the folder: select one to chart it, Ctrl+click a second to overlay it</source>
        <translation>Runs found in the folder: select one to chart it, Ctrl+click a second to overlay it</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="87"/>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="88"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="89"/>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="90"/>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="91"/>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="92"/>
        <source>World model</source>
        <translation>World model</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="93"/>
        <source>Reward</source>
        <translation>Reward</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="94"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="179"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="181"/>
        <source>Starting %1...</source>
        <translation>Starting %1...</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="209"/>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="209"/>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="219"/>
        <source>%1 / %2, ETA %3  %4</source>
        <translation>%1 / %2, ETA %3  %4</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="261"/>
        <source>%1  [%2, another tool&apos;s run, last step %3]</source>
        <translation>%1  [%2, another tool&apos;s run, last step %3]</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="263"/>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="263"/>
        <source>interrupted or running</source>
        <translation>interrupted or running</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::ScenePanel</name>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="36"/>
        <source>Select an episode of a built-in task, or reset the teleop session</source>
        <translation>Select an episode of a built-in task, or reset the teleop session</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="38"/>
        <source>Real path</source>
        <translation>Real path</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="40"/>
        <source>The end effector&apos;s recorded path, dark to light blue over time</source>
        <translation>The end effector&apos;s recorded path, dark to light blue over time</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="41"/>
        <source>Commanded path</source>
        <translation>Commanded path</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="44"/>
        <source>The path obtained by integrating the actions (those that drive the imagined rollout, or the teleop actions), dark red to yellow over time</source>
        <translation>The path obtained by integrating the actions (those that drive the imagined rollout, or the teleop actions), dark red to yellow over time</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="46"/>
        <source>Reset camera</source>
        <translation>Reset camera</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="47"/>
        <source>Look at the table from the front again</source>
        <translation>Look at the table from the front again</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="61"/>
        <source>Drag to orbit, Shift+drag to pan, wheel to zoom</source>
        <translation>Drag to orbit, Shift+drag to pan, wheel to zoom</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="64"/>
        <source>The 3D view needs an OpenGL display</source>
        <translation>The 3D view needs an OpenGL display</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="90"/>
        <source>no built-in scene for task %1</source>
        <translation>no built-in scene for task %1</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="92"/>
        <source>the file records no simulator states or seed</source>
        <translation>the file records no simulator states or seed</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="97"/>
        <source>its states have %1 values, the task&apos;s %2</source>
        <translation>its states have %1 values, the task&apos;s %2</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="115"/>
        <source>%1 of %2: the scene at the current step</source>
        <translation>%1 of %2: the scene at the current step</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="116"/>
        <source>%1 of %2: %3</source>
        <translation>%1 of %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="143"/>
        <source>Teleop session, step %1: the real task&apos;s scene</source>
        <translation>Teleop session, step %1: the real task&apos;s scene</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="144"/>
        <source>Teleop session, step %1 (no real task alongside)</source>
        <translation>Teleop session, step %1 (no real task alongside)</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::TeleopPanel</name>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="52"/>
        <source>Where the dream&apos;s samples of this step differ: bright where the world model is unsure</source>
        <translation>Where the dream&apos;s samples of this step differ: bright where the world model is unsure</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="56"/>
        <source>samples </source>
        <translation>samples </translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="58"/>
        <source>Dream each step this many times and show where the samples differ (each step costs as many samples); the dream goes on with the first</source>
        <translation>Dream each step this many times and show where the samples differ (each step costs as many samples); the dream goes on with the first</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="60"/>
        <source>Open a world model, then reset from a dataset frame or a built-in task</source>
        <translation>Open a world model, then reset from a dataset frame or a built-in task</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="62"/>
        <source>Keys: A/D -x/+x, S/W -y/+y, F/R -z/+z, Q close, E open, Space one step</source>
        <translation>Keys: A/D -x/+x, S/W -y/+y, F/R -z/+z, Q close, E open, Space one step</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="69"/>
        <source>Action component %1 in [-1, 1]</source>
        <translation>Action component %1 in [-1, 1]</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="75"/>
        <source>Built-in task to reset from</source>
        <translation>Built-in task to reset from</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="78"/>
        <source>Scene seed of the task reset</source>
        <translation>Scene seed of the task reset</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="79"/>
        <source>Step the real task alongside</source>
        <translation>Step the real task alongside</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="82"/>
        <source>Step the built-in task with the same actions beside the dream: after a reset from a task, or from a dataset frame whose episode has its scene seed and simulator states</source>
        <translation>Step the built-in task with the same actions beside the dream: after a reset from a task, or from a dataset frame whose episode has its scene seed and simulator states</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="84"/>
        <source>Policy in control</source>
        <translation>Policy in control</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="85"/>
        <source>Hand control to the loaded policy; untick to take it back</source>
        <translation>Hand control to the loaded policy; untick to take it back</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="89"/>
        <source> steps/s</source>
        <translation> steps/s</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="90"/>
        <source>Step rate when running continuously</source>
        <translation>Step rate when running continuously</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="91"/>
        <source>Reset from dataset frame</source>
        <translation>Reset from dataset frame</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="93"/>
        <source>Reset from task</source>
        <translation>Reset from task</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="94"/>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="95"/>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="97"/>
        <source>Record to dataset...</source>
        <translation>Record to dataset...</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="103"/>
        <source>Append this session to a dataset as a teleop episode</source>
        <translation>Append this session to a dataset as a teleop episode</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="106"/>
        <source>PSNR dream vs real (dB)</source>
        <translation>PSNR dream vs real (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="107"/>
        <source>step</source>
        <translation>step</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="108"/>
        <source>PSNR (dB)</source>
        <translation>PSNR (dB)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="109"/>
        <source>sample spread (% of range)</source>
        <translation>sample spread (% of range)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="111"/>
        <source>spread (%)</source>
        <translation>spread (%)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="151"/>
        <source>Record into dataset</source>
        <translation>Record into dataset</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="152"/>
        <source>HDF5 datasets (*.hdf5)</source>
        <translation>HDF5 datasets (*.hdf5)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="163"/>
        <source>Loading %1...</source>
        <translation>Loading %1...</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="168"/>
        <source>World model loaded: reset to start driving</source>
        <translation>World model loaded: reset to start driving</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="189"/>
        <source>Loading the policy %1...</source>
        <translation>Loading the policy %1...</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="200"/>
        <source>Policy loaded: tick &quot;Policy in control&quot; to hand it the controls</source>
        <translation>Policy loaded: tick &quot;Policy in control&quot; to hand it the controls</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="271"/>
        <source>Dreaming from %1 step %2</source>
        <translation>Dreaming from %1 step %2</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="272"/>
        <source>%1, the real task alongside from its recorded state</source>
        <translation>%1, the real task alongside from its recorded state</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="273"/>
        <source>%1; the real task cannot run alongside: the episode has no recorded scene seed and simulator states</source>
        <translation>%1; the real task cannot run alongside: the episode has no recorded scene seed and simulator states</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="311"/>
        <source>Dreaming from a fresh reset of %1 (seed %2)</source>
        <translation>Dreaming from a fresh reset of %1 (seed %2)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="372"/>
        <source>step %1, latency %2 ms, action (%3, %4, %5, %6)</source>
        <translation>step %1, latency %2 ms, action (%3, %4, %5, %6)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="379"/>
        <source>, sample spread %1%</source>
        <translation>, sample spread %1%</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="385"/>
        <source>, PSNR to real %1 dB%2</source>
        <translation>, PSNR to real %1 dB%2</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="387"/>
        <source>, real task solved</source>
        <translation>, real task solved</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="414"/>
        <source>The policy is still loading: hand it control once it has</source>
        <translation>The policy is still loading: hand it control once it has</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="428"/>
        <source>Wait for the current step to finish, then record</source>
        <translation>Wait for the current step to finish, then record</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="435"/>
        <source>Recording into %1...</source>
        <translation>Recording into %1...</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="443"/>
        <source>Recorded %1 steps into %2 (%3 episodes)</source>
        <translation>Recorded %1 steps into %2 (%3 episodes)</translation>
    </message>
</context>
</TS>
