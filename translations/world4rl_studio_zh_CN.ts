<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="31"/>
        <source>World4RL Studio</source>
        <translation>World4RL 工作室</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="34"/>
        <source>Datasets and checkpoints to open</source>
        <translation>要打开的数据集和检查点</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="37"/>
        <source>Open the demo, save a picture of each panel into DIR, and quit</source>
        <translation>打开演示，把每个面板的图片保存到 DIR，然后退出</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::DatasetBrowser</name>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="31"/>
        <source>Filter: task, source, demo, success or failure</source>
        <translation>筛选：任务、来源、演示、成功或失败</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="33"/>
        <source>Show only episodes whose task, source or name contains all of these words</source>
        <translation>只显示任务、来源或名称包含所有这些词的回合</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36"/>
        <source>Episode</source>
        <translation>回合</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="36"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="97"/>
        <source> (held out)</source>
        <translation>（留出）</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="99"/>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../widgets/dataset_browser.cpp" line="99"/>
        <source>failure</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::DreamTruthPanel</name>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="45"/>
        <source>Built-in task whose fresh starts are dreamt and replayed</source>
        <translation>其全新起点被想象并重放的内置任务</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="46"/>
        <source>Random actions</source>
        <translation>随机动作</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="47"/>
        <source>Uniform random actions instead of the policy&apos;s</source>
        <translation>使用均匀随机动作代替策略的动作</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="50"/>
        <source>acting on the dream</source>
        <translation>在梦境中行动</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="51"/>
        <source>acting on the real task</source>
        <translation>在真实任务中行动</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="53"/>
        <source>On the dream: the policy sees the dreamt frames and its actions are replayed in the real task. On the real task: it plays its own real episode and the world model dreams those actions, so the dream is judged on actions it did not steer</source>
        <translation>在梦境中：策略看到梦境帧，其动作在真实任务中重放。在真实任务中：策略执行自己的真实回合，世界模型梦见这些动作，因此梦境以并非由它引导的动作来评判</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="59"/>
        <source>Starts: evaluation seeds 0 to N-1, as eval-policy&apos;s episodes</source>
        <translation>起点数：评估种子 0 到 N-1，与 eval-policy 的回合相同</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="63"/>
        <source>Steps dreamt and replayed from each start (the built-in tasks&apos; episodes: 50)</source>
        <translation>每个起点想象并重放的步数（内置任务的回合为 50 步）</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="68"/>
        <source>Dreams of each start&apos;s actions: an imagined success needs every one of them to show it, so a success the world model shows by the luck of one sample does not count</source>
        <translation>每个起点的动作做梦的次数：只有每一次梦境都显示成功才算想象成功，因此世界模型仅凭一次采样的运气显示的成功不计入</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="70"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="72"/>
        <source>Dream from each start, replay the same actions in the real task and compare</source>
        <translation>从每个起点想象，在真实任务中重放相同的动作并比较</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="73"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="80"/>
        <source>Open a world model, a success classifier and a policy, then compare</source>
        <translation>打开世界模型、成功分类器和策略，然后比较</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Dream</source>
        <translation>想象</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Real</source>
        <translation>真实</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Classifier on real</source>
        <translation>分类器对真实帧的判断</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Max p dream</source>
        <translation>想象最大概率</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Max p real</source>
        <translation>真实最大概率</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="85"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="96"/>
        <source>Scrub the dream and the real replay together</source>
        <translation>同时拖动想象与真实重放</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="99"/>
        <location filename="../widgets/dream_truth_panel.cpp" line="128"/>
        <source>dream</source>
        <translation>想象</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="100"/>
        <location filename="../widgets/dream_truth_panel.cpp" line="129"/>
        <source>real replay</source>
        <translation>真实重放</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="102"/>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="105"/>
        <source>success probability</source>
        <translation>成功概率</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="106"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="113"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="117"/>
        <source>Starts</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="119"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="121"/>
        <source>Dreams</source>
        <translation>梦境数</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="130"/>
        <source>|difference|</source>
        <translation>|差异|</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="215"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="218"/>
        <source>World model: %1; classifier: %2; actions: %3</source>
        <translation>世界模型：%1；分类器：%2；动作：%3</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="220"/>
        <source>uniform random</source>
        <translation>均匀随机</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="220"/>
        <source>policy %1</source>
        <translation>策略 %1</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="250"/>
        <source>Dreaming and replaying: %1 of %2 starts, %3</source>
        <translation>正在想象并重放：第 %1 个，共 %2 个起点，%3</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="254"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="256"/>
        <source>Loading the models...</source>
        <translation>正在加载模型...</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="290"/>
        <source>none imagined</source>
        <translation>没有想象出的成功</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="291"/>
        <location filename="../widgets/dream_truth_panel.cpp" line="317"/>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%3 个中的 %2 个）</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="293"/>
        <source>%1 starts of %2, %3: agreement %4 [%5-%6], imagined success %7, real %8, precision of imagined success %9; disagreements: %10 the world model&apos;s, %11 the classifier&apos;s</source>
        <translation>%2 的 %1 个起点，%3：一致率 %4 [%5-%6]，想象成功率 %7，真实成功率 %8，想象成功的精确率 %9；不一致：%10 个属于世界模型，%11 个属于分类器</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="308"/>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="308"/>
        <source>failure</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="326"/>
        <source>Start %1: environment seed %2</source>
        <translation>起点 %1：环境种子 %2</translation>
    </message>
    <message>
        <location filename="../widgets/dream_truth_panel.cpp" line="380"/>
        <source>step %1 of %2: p dream %3, p real %4, PSNR %5 dB</source>
        <translation>第 %1 步，共 %2 步：想象概率 %3，真实概率 %4，PSNR %5 dB</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::EpisodeView</name>
    <message>
        <location filename="../widgets/episode_view.cpp" line="34"/>
        <source>Select an episode in the dataset browser</source>
        <translation>在数据集浏览器中选择一个回合</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="36"/>
        <source>Scrub through the episode</source>
        <translation>拖动浏览回合</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="38"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="39"/>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格）</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="42"/>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="43"/>
        <source>One step back (Left)</source>
        <translation>后退一步（左方向键）</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="46"/>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="47"/>
        <source>One step forward (Right)</source>
        <translation>前进一步（右方向键）</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="52"/>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="53"/>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="55"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="56"/>
        <source>action</source>
        <translation>动作</translation>
    </message>
    <message>
        <location filename="../widgets/episode_view.cpp" line="144"/>
        <source>%1, %2 (%3): step %4 of %5</source>
        <translation>%1，%2（%3）：第 %4 步，共 %5 步</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::MainWindow</name>
    <message>
        <location filename="../widgets/main_window.cpp" line="69"/>
        <source>World4RL Studio</source>
        <translation>World4RL 工作室</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="74"/>
        <source>Datasets and checkpoints loaded in this session</source>
        <translation>本次会话中加载的数据集和检查点</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="76"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="77"/>
        <source>Loaded files</source>
        <translation>已加载文件</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="79"/>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="81"/>
        <source>Real vs imagined</source>
        <translation>真实与想象</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="83"/>
        <source>Teleop</source>
        <translation>遥操作</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="85"/>
        <source>Dream vs real</source>
        <translation>想象与真实</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="87"/>
        <source>3D view</source>
        <translation>3D 视图</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="111"/>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="129"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="130"/>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="132"/>
        <source>Open datasets or checkpoints</source>
        <translation>打开数据集或检查点</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="133"/>
        <source>Datasets and checkpoints (*.hdf5 *.h5 *.pt *.safetensors);;All files (*)</source>
        <translation>数据集和检查点 (*.hdf5 *.h5 *.pt *.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="137"/>
        <source>Open robomimic/LIBERO datasets and World4RL checkpoints</source>
        <translation>打开 robomimic/LIBERO 数据集和 World4RL 检查点</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="138"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="141"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="144"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="147"/>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="149"/>
        <source>Dock every panel where it starts and fit the window to the screen</source>
        <translation>将所有面板停靠回初始位置，并使窗口适应屏幕</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="151"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="154"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="165"/>
        <source>The language changes when the studio is started again</source>
        <translation>重新启动工作室后语言才会更改</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="169"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="170"/>
        <source>Open the &amp;demo</source>
        <translation>打开演示(&amp;D)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="171"/>
        <source>A small hammer dataset with its world model, classifier, policy and refinement run</source>
        <translation>一个小型锤子数据集，附带其世界模型、分类器、策略和改进运行</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="172"/>
        <source>&amp;About World4RL Studio</source>
        <translation>关于 World4RL 工作室(&amp;A)</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="183"/>
        <source>The built-in demo is not installed: packaging/make-demo.sh makes it (see the README)</source>
        <translation>内置演示未安装：由 packaging/make-demo.sh 生成（见 README）</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="207"/>
        <source>world model</source>
        <translation>世界模型</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="208"/>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="209"/>
        <source>reward classifier</source>
        <translation>奖励分类器</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="233"/>
        <source>Loaded %1: %2</source>
        <translation>已加载 %1：%2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="240"/>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
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
        <translation>关于 World4RL 工作室</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="265"/>
        <source>&lt;h3&gt;World4RL Studio %1&lt;/h3&gt;&lt;p&gt;Refine robot policies with reinforcement learning inside a learned diffusion world model.&lt;/p&gt;&lt;p&gt;Libraries: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;World4RL 工作室 %1&lt;/h3&gt;&lt;p&gt;在学习得到的扩散世界模型中用强化学习改进机器人策略。&lt;/p&gt;&lt;p&gt;库：%2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::MetricsChart</name>
    <message>
        <location filename="../widgets/metrics_chart.cpp" line="44"/>
        <source>Metric to chart (CleanRL-style names from metrics.jsonl or TensorBoard event files)</source>
        <translation>要绘制的指标（来自 metrics.jsonl 或 TensorBoard 事件文件的 CleanRL 风格名称）</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::PlaybackDriver</name>
    <message>
        <location filename="../widgets/playback_driver.cpp" line="25"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../widgets/playback_driver.cpp" line="25"/>
        <location filename="../widgets/playback_driver.cpp" line="32"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::ResourceMonitor</name>
    <message>
        <location filename="../widgets/resource_monitor.cpp" line="11"/>
        <source>Compute device used for training and imagination, CPU threads, memory in use</source>
        <translation>训练和想象所用的计算设备、CPU 线程数、内存占用</translation>
    </message>
    <message>
        <location filename="../widgets/resource_monitor.cpp" line="26"/>
        <source>%1 | %2 threads | %3 MB</source>
        <translation>%1 | %2 线程 | %3 MB</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::RolloutPanel</name>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="46"/>
        <source>Where the dream&apos;s samples of this step differ: bright where the world model is unsure</source>
        <translation>梦境在这一步的各次采样之间的差异：越亮表示世界模型越不确定</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="47"/>
        <source>Open a world model and select an episode</source>
        <translation>打开世界模型并选择一个回合</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="57"/>
        <source>Step of the real episode the imagination starts from</source>
        <translation>想象开始时真实回合的步数</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="58"/>
        <source>Steps imagined open-loop with the episode&apos;s actions</source>
        <translation>用回合自身动作开环想象的步数</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="59"/>
        <source>Seed of the sampling noise: another seed, another dream</source>
        <translation>采样噪声的种子：换一个种子，换一个梦</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="60"/>
        <source>Denoising steps per frame (0: the checkpoint&apos;s)</source>
        <translation>每帧的去噪步数（0：使用检查点的设置）</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="62"/>
        <source>Dream each step this many times and show where the samples differ (each step costs as many samples); the dream goes on with the first</source>
        <translation>每一步做梦这么多次并显示各次采样的差异（每一步的开销随采样数成倍增加）；梦境沿第一次采样继续</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="64"/>
        <source>Imagine</source>
        <translation>想象</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="67"/>
        <source>Imagine the rollout with these settings (Ctrl+I)</source>
        <translation>用这些设置想象轨迹（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="68"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="69"/>
        <source>Export mp4...</source>
        <translation>导出 mp4...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="70"/>
        <source>Export PNG...</source>
        <translation>导出 PNG...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="71"/>
        <source>Save the current step&apos;s real | imagined | |difference| picture</source>
        <translation>保存当前步的 真实 | 想象 | |差异| 图片</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="73"/>
        <source>Scrub real, imagined and difference together</source>
        <translation>同时拖动浏览真实、想象和差异</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="75"/>
        <location filename="../widgets/rollout_panel.cpp" line="79"/>
        <source>PSNR (dB)</source>
        <translation>PSNR（dB）</translation>
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
        <translation>想象步</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="85"/>
        <location filename="../widgets/rollout_panel.cpp" line="114"/>
        <source>real</source>
        <translation>真实</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="86"/>
        <location filename="../widgets/rollout_panel.cpp" line="115"/>
        <source>imagined</source>
        <translation>想象</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="89"/>
        <source>success probability</source>
        <translation>成功概率</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="93"/>
        <source>mean sample spread (% of range)</source>
        <translation>平均采样离散度（占取值范围的 %）</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="95"/>
        <source>spread (%)</source>
        <translation>离散度（%）</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="102"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="103"/>
        <source>Horizon</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="104"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="105"/>
        <source>Denoising steps</source>
        <translation>去噪步数</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="106"/>
        <source>Samples</source>
        <translation>采样数</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="116"/>
        <source>|difference|</source>
        <translation>|差异|</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="117"/>
        <source>sample spread</source>
        <translation>采样离散度</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="142"/>
        <source>Export video</source>
        <translation>导出视频</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="142"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="147"/>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="147"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="156"/>
        <source>Loading %1...</source>
        <translation>正在加载 %1...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="162"/>
        <source>World model ready on %1 (%2x%2 frames)</source>
        <translation>世界模型已在 %1 上就绪（%2x%2 帧）</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="218"/>
        <source>Imagining %1 steps...</source>
        <translation>正在想象 %1 步...</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="245"/>
        <source>%1 steps imagined from step %2 of %3: mean PSNR %4 dB, SSIM %5</source>
        <translation>从 %3 的第 %2 步想象了 %1 步：平均 PSNR %4 dB，SSIM %5</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="286"/>
        <source>step %1/%2  PSNR %3 dB  SSIM %4</source>
        <translation>第 %1/%2 步  PSNR %3 dB  SSIM %4</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="292"/>
        <source>  success p: real %1, imagined %2</source>
        <translation>  成功概率：真实 %1，想象 %2</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="296"/>
        <source>  sample spread %1%</source>
        <translation>  采样离散度 %1%</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="327"/>
        <source>Writing %1...</source>
        <translation>正在写入 %1……</translation>
    </message>
    <message>
        <location filename="../widgets/rollout_panel.cpp" line="336"/>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::RunsPanel</name>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="56"/>
        <source>The stage to run; the same as the world4rl command of that name</source>
        <translation>要运行的阶段；与同名的 world4rl 命令相同</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="62"/>
        <source>Dataset files, separated by &apos;;&apos;</source>
        <translation>数据集文件，用“;”分隔</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="63"/>
        <source>Task (the pipeline takes several, separated by &apos;,&apos;)</source>
        <translation>任务（流水线可取多个，用“,”分隔）</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="64"/>
        <source>Run directory (collect, dream: the dataset file to write)</source>
        <translation>运行目录（采集、梦境重演：要写入的数据集文件）</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="65"/>
        <source>Policy checkpoint (refine, evaluate)</source>
        <translation>策略检查点（改进、评估）</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="66"/>
        <source>World-model checkpoint (refine, dream)</source>
        <translation>世界模型检查点（改进、梦境重演）</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="67"/>
        <source>Success-classifier checkpoint (refine; evaluate: audited on the real episodes)</source>
        <translation>成功分类器检查点（改进；评估：在真实回合上审核）</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="68"/>
        <source>Settings as key=value, separated by spaces, e.g. steps=2000 lr=1e-4</source>
        <translation>以 key=value 形式的设置，用空格分隔，例如 steps=2000 lr=1e-4</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="69"/>
        <source>Resume the run in the directory</source>
        <translation>继续该目录中的运行</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="70"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="72"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="74"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="79"/>
        <source>Folder whose runs are listed below</source>
        <translation>下方列出其中运行的文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="82"/>
        <source>Runs found in the folder: select one to chart it, Ctrl+click a second to overlay it</source>
        <translation>文件夹中找到的运行：选择一个以绘图，按住 Ctrl 点击第二个以叠加</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="87"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="88"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="89"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="90"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="91"/>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="92"/>
        <source>World model</source>
        <translation>世界模型</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="93"/>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="94"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="179"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="181"/>
        <source>Starting %1...</source>
        <translation>正在启动 %1...</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="209"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="209"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="219"/>
        <source>%1 / %2, ETA %3  %4</source>
        <translation>%1 / %2，预计剩余 %3  %4</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="261"/>
        <source>%1  [%2, another tool&apos;s run, last step %3]</source>
        <translation>%1  [%2，其他工具的运行，最后一步 %3]</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="263"/>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../widgets/runs_panel.cpp" line="263"/>
        <source>interrupted or running</source>
        <translation>已中断或运行中</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::ScenePanel</name>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="36"/>
        <source>Select an episode of a built-in task, or reset the teleop session</source>
        <translation>选择一个内置任务的回合，或重置遥操作会话</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="38"/>
        <source>Real path</source>
        <translation>真实路径</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="40"/>
        <source>The end effector&apos;s recorded path, dark to light blue over time</source>
        <translation>末端执行器记录的路径，随时间由深蓝变为浅蓝</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="41"/>
        <source>Commanded path</source>
        <translation>指令路径</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="44"/>
        <source>The path obtained by integrating the actions (those that drive the imagined rollout, or the teleop actions), dark red to yellow over time</source>
        <translation>对动作积分得到的路径（驱动想象轨迹的动作或遥操作动作），随时间由深红变为黄色</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="46"/>
        <source>Reset camera</source>
        <translation>重置相机</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="47"/>
        <source>Look at the table from the front again</source>
        <translation>重新从正面看向桌面</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="61"/>
        <source>Drag to orbit, Shift+drag to pan, wheel to zoom</source>
        <translation>拖动以环绕，Shift+拖动以平移，滚轮缩放</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="64"/>
        <source>The 3D view needs an OpenGL display</source>
        <translation>3D 视图需要 OpenGL 显示</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="90"/>
        <source>no built-in scene for task %1</source>
        <translation>任务 %1 没有内置场景</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="92"/>
        <source>the file records no simulator states or seed</source>
        <translation>该文件未记录仿真器状态或种子</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="97"/>
        <source>its states have %1 values, the task&apos;s %2</source>
        <translation>其状态有 %1 个值，而任务的状态有 %2 个</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="115"/>
        <source>%1 of %2: the scene at the current step</source>
        <translation>%2 的 %1：当前步的场景</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="116"/>
        <source>%1 of %2: %3</source>
        <translation>%2 的 %1：%3</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="143"/>
        <source>Teleop session, step %1: the real task&apos;s scene</source>
        <translation>遥操作会话，第 %1 步：真实任务的场景</translation>
    </message>
    <message>
        <location filename="../widgets/scene_panel.cpp" line="144"/>
        <source>Teleop session, step %1 (no real task alongside)</source>
        <translation>遥操作会话，第 %1 步（无真实任务同步运行）</translation>
    </message>
</context>
<context>
    <name>w4rl::studio::TeleopPanel</name>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="52"/>
        <source>Where the dream&apos;s samples of this step differ: bright where the world model is unsure</source>
        <translation>梦境在这一步的各次采样之间的差异：越亮表示世界模型越不确定</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="56"/>
        <source>samples </source>
        <translation>采样数 </translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="58"/>
        <source>Dream each step this many times and show where the samples differ (each step costs as many samples); the dream goes on with the first</source>
        <translation>每一步做梦这么多次并显示各次采样的差异（每一步的开销随采样数成倍增加）；梦境沿第一次采样继续</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="60"/>
        <source>Open a world model, then reset from a dataset frame or a built-in task</source>
        <translation>打开世界模型，然后从数据集帧或内置任务重置</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="62"/>
        <source>Keys: A/D -x/+x, S/W -y/+y, F/R -z/+z, Q close, E open, Space one step</source>
        <translation>按键：A/D -x/+x，S/W -y/+y，F/R -z/+z，Q 闭合，E 张开，空格 单步</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="69"/>
        <source>Action component %1 in [-1, 1]</source>
        <translation>动作分量 %1，范围 [-1, 1]</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="75"/>
        <source>Built-in task to reset from</source>
        <translation>用于重置的内置任务</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="78"/>
        <source>Scene seed of the task reset</source>
        <translation>任务重置的场景种子</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="79"/>
        <source>Step the real task alongside</source>
        <translation>同时步进真实任务</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="82"/>
        <source>Step the built-in task with the same actions beside the dream: after a reset from a task, or from a dataset frame whose episode has its scene seed and simulator states</source>
        <translation>在梦境旁用相同的动作推进内置任务：从任务重置之后，或从一个记录了场景种子和仿真器状态的回合的数据集帧重置之后</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="84"/>
        <source>Policy in control</source>
        <translation>由策略控制</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="85"/>
        <source>Hand control to the loaded policy; untick to take it back</source>
        <translation>把控制权交给已加载的策略；取消勾选即收回</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="89"/>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="90"/>
        <source>Step rate when running continuously</source>
        <translation>连续运行时的步频</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="91"/>
        <source>Reset from dataset frame</source>
        <translation>从数据集帧重置</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="93"/>
        <source>Reset from task</source>
        <translation>从任务重置</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="94"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="95"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="97"/>
        <source>Record to dataset...</source>
        <translation>录制到数据集...</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="103"/>
        <source>Append this session to a dataset as a teleop episode</source>
        <translation>把本次会话作为遥操作回合追加到数据集</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="106"/>
        <source>PSNR dream vs real (dB)</source>
        <translation>梦境与真实的 PSNR（dB）</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="107"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="108"/>
        <source>PSNR (dB)</source>
        <translation>PSNR（dB）</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="109"/>
        <source>sample spread (% of range)</source>
        <translation>采样离散度（占取值范围的 %）</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="111"/>
        <source>spread (%)</source>
        <translation>离散度（%）</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="151"/>
        <source>Record into dataset</source>
        <translation>录制到数据集</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="152"/>
        <source>HDF5 datasets (*.hdf5)</source>
        <translation>HDF5 数据集 (*.hdf5)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="163"/>
        <source>Loading %1...</source>
        <translation>正在加载 %1...</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="168"/>
        <source>World model loaded: reset to start driving</source>
        <translation>世界模型已加载：重置后即可开始驾驶</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="189"/>
        <source>Loading the policy %1...</source>
        <translation>正在加载策略 %1……</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="200"/>
        <source>Policy loaded: tick &quot;Policy in control&quot; to hand it the controls</source>
        <translation>策略已加载：勾选“由策略控制”即可把控制权交给它</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="271"/>
        <source>Dreaming from %1 step %2</source>
        <translation>从 %1 第 %2 步开始做梦</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="272"/>
        <source>%1, the real task alongside from its recorded state</source>
        <translation>%1，真实任务从其记录的状态并行运行</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="273"/>
        <source>%1; the real task cannot run alongside: the episode has no recorded scene seed and simulator states</source>
        <translation>%1；真实任务无法并行运行：该回合没有记录场景种子和仿真器状态</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="311"/>
        <source>Dreaming from a fresh reset of %1 (seed %2)</source>
        <translation>从 %1 的全新重置开始做梦（种子 %2）</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="372"/>
        <source>step %1, latency %2 ms, action (%3, %4, %5, %6)</source>
        <translation>第 %1 步，延迟 %2 毫秒，动作 (%3, %4, %5, %6)</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="379"/>
        <source>, sample spread %1%</source>
        <translation>，采样离散度 %1%</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="385"/>
        <source>, PSNR to real %1 dB%2</source>
        <translation>，与真实的 PSNR %1 dB%2</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="387"/>
        <source>, real task solved</source>
        <translation>，真实任务已完成</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="414"/>
        <source>The policy is still loading: hand it control once it has</source>
        <translation>策略仍在加载：加载完成后再把控制权交给它</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="428"/>
        <source>Wait for the current step to finish, then record</source>
        <translation>请等待当前步完成后再录制</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="435"/>
        <source>Recording into %1...</source>
        <translation>正在录制到 %1……</translation>
    </message>
    <message>
        <location filename="../widgets/teleop_panel.cpp" line="443"/>
        <source>Recorded %1 steps into %2 (%3 episodes)</source>
        <translation>已把 %1 步录制到 %2（共 %3 个回合）</translation>
    </message>
</context>
</TS>
