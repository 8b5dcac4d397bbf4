#include "pipeline/jobs/train_world_model_job.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "learning/checkpoint.h"
#include "learning/precision.h"
#include "learning/rank_group.h"
#include "learning/torch_device.h"
#include "learning/world_model_trainer.h"
#include "pipeline/jobs/dataset_transition_source.h"
#include "pipeline/jobs/run_config.h"
#include "pipeline/jobs/run_record.h"

namespace w4rl::pipeline {
TrainWorldModelReport trainWorldModel(const TrainWorldModelRequest& request, const ProgressCallback& progress,
                                      const CancelToken& cancel) {
  if (request.data.empty()) throw Error("no dataset given (--data)");
  if (request.runDir.empty()) throw Error("no run directory given (--out)");
  RunConfig rc =
      resolveRunConfig(request.preset, request.configFile, request.overrides, torch::cuda::is_available());
  if (request.resume && !request.initFrom.empty())
    throw Error("--init-from starts a fresh run and --resume continues one: give one of them");
  if (request.resume || !request.initFrom.empty()) {
    // The checkpoint's model config wins; settings (steps, lr, ...) may change on resume.
    const auto info =
        learning::readCheckpointInfo(request.resume ? request.runDir / "last.pt" : request.initFrom);
    if (info.kind != "world_model")
      throw Error(request.initFrom.string() + " is not a world-model checkpoint (it holds '" + info.kind +
                  "')");
    const bool resizeAsked = rc.imageSizeSet;
    rc.model = learning::WorldModelConfig::fromText(info.configText);
    data::ReadOptions native;
    native.imageKey = request.imageKey;
    const auto probe = data::Dataset::open(request.data, native);  // metadata only
    if (!resizeAsked &&
        (probe.imageHeight() != rc.model.imageSize || probe.imageWidth() != rc.model.imageSize))
      throw Error("the data's images are " + std::to_string(probe.imageHeight()) + "x" +
                  std::to_string(probe.imageWidth()) + " but the run's model expects " +
                  std::to_string(rc.model.imageSize) +
                  " pixels; pass image_size=" + std::to_string(rc.model.imageSize) + " to resize");
    rc.imageSizeSet = true;
  }
  data::ReadOptions read;
  read.imageKey = request.imageKey;
  read.flipVertical = request.flipImages;
  if (rc.imageSizeSet) read.imageSize = rc.model.imageSize;
  const data::Dataset dataset = data::Dataset::open(request.data, read);
  DatasetTransitionSource source(dataset, rc.train.contextFramesToSample(rc.model.contextFrames),
                                 request.memoryBudgetBytes);
  if (!request.resume && request.initFrom.empty()) {
    rc.model.imageSize = source.imageSize();
    rc.model.actionDim = source.actionDim();
    rc.model.tasks = source.tasks();
  } else if (rc.model.tasks != source.tasks()) {
    throw Error("the datasets' tasks differ from the checkpoint's (" +
                (request.resume ? (request.runDir / "last.pt").string() : request.initFrom.string()) +
                "); train on data of the same tasks");
  }
  rc.model.validate();
  learning::checkPrecision(learning::parsePrecision(rc.train.precision),
                           learning::resolveDevice(rc.train.device));
  std::filesystem::create_directories(request.runDir);
  std::string configText = runConfigText(rc);
  if (!request.initFrom.empty())  // below the "# world model" heading
    configText.insert(configText.find('\n') + 1, "# initialised from " + request.initFrom.string() + "\n");
  if (request.launch.isMain()) {
    writeTextFileAtomically(request.runDir / "config.yaml", configText);
    // A resumed run keeps the record of the run it continues (its init_from).
    if (!request.resume || !std::filesystem::exists(request.runDir / "run.json"))
      writeRunRecord(request.runDir, "world_model",
                     {{"data", dataPaths(request.data)}, {"init_from", request.initFrom.string()}});
  }

  TrainWorldModelReport report;
  report.trainTransitions = source.trainTransitions();
  report.validTransitions = source.validTransitions();
  report.tasks = source.tasks();
  {
    learning::WorldModel probe(rc.model);
    for (const auto& p : probe->parameters()) report.parameters += p.numel();
  }
  learning::WorldModelTrainer trainer(rc.model, rc.train, request.runDir);
  if (!request.initFrom.empty()) trainer.setInitialWeights(request.initFrom);
  std::unique_ptr<learning::RankGroup> group;
  if (request.launch.distributed()) {
    group = std::make_unique<learning::RankGroup>(request.launch);
    trainer.setRankGroup(group.get());
  }
  const auto result = trainer.run(
      source, request.resume,
      [&progress, message = std::string()](const learning::TrainProgress& p) mutable {
        if (!progress) return;
        if (p.samplesPerSecond > 0)  // a log step: refresh the message
          message = p.validLoss >= 0 ? formatC("loss %.4f valid %.4f %.0f samples/s", p.trainLoss,
                                               p.validLoss, p.samplesPerSecond)
                                     : formatC("loss %.4f %.0f samples/s", p.trainLoss, p.samplesPerSecond);
        progress({p.step, p.totalSteps, message});
      },
      cancel);
  report.steps = result.step;
  report.bestValidLoss = result.bestValidLoss;
  report.lastValidLoss = result.lastValidLoss;
  report.seconds = result.seconds;
  report.cancelled = result.cancelled;
  report.device = result.device;
  return report;
}

}  // namespace w4rl::pipeline
