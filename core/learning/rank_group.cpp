#include "learning/rank_group.h"

#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdlib>

#include "common/error.h"

namespace w4rl::learning {

struct RankGroup::Connection {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

namespace {

using Clock = std::chrono::steady_clock;

std::string whereRankZero(const LaunchEnv& env) {
  return env.masterAddr + ":" + std::to_string(env.masterPort);
}

bool loopback(const std::string& addr) {
  return addr == "localhost" || addr.rfind("127.", 0) == 0 || addr == "::1";
}

// The network device Gloo's pairs use: GLOO_SOCKET_IFNAME as in PyTorch, the loopback device when all
// ranks meet on this machine, otherwise the address this host's name resolves to.
std::shared_ptr<::gloo::transport::Device> glooDevice(const LaunchEnv& env) {
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname != nullptr && *ifname != '\0')
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  if (loopback(env.masterAddr)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

}  // namespace

RankGroup::RankGroup(const LaunchEnv& env) : env_(env), connection_(std::make_unique<Connection>()) {
  const auto timeout = std::chrono::milliseconds(std::int64_t{env.timeoutSeconds} * 1000);
  c10d::TCPStoreOptions options;
  options.port = static_cast<std::uint16_t>(env.masterPort);
  options.isServer = env.isMain();
  options.numWorkers = static_cast<std::size_t>(env.worldSize);
  options.waitWorkers = false;  // the world-size check below waits, with a message of its own
  options.timeout = timeout;
  try {
    connection_->store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, options);
  } catch (const std::exception& e) {
    if (env.isMain())
      throw Error("rank 0 cannot listen on MASTER_ADDR:MASTER_PORT " + whereRankZero(env) +
                  " (is another run using the port? choose another MASTER_PORT): " + firstLine(e.what()));
    throw Error("rank " + std::to_string(env.rank) + " cannot reach rank 0 at MASTER_ADDR:MASTER_PORT " +
                whereRankZero(env) + " within " + std::to_string(env.timeoutSeconds) +
                " s: " + firstLine(e.what()));
  }
  // Every rank states its WORLD_SIZE; rank 0 compares all of them and the others compare with rank 0's.
  // The others read rank 0's before stating theirs: once rank 0 has seen a mismatch it exits and its
  // store goes with it, so a later read would only find the store gone.
  auto& store = *connection_->store;
  const auto key = [](int r) { return "w4rl/world_size/" + std::to_string(r); };
  const std::string mine = std::to_string(env.worldSize);
  const auto state = [&] { store.set(key(env.rank), std::vector<std::uint8_t>(mine.begin(), mine.end())); };
  const auto check = [&](int r, const std::vector<std::uint8_t>& value) {
    const std::string theirs(value.begin(), value.end());
    if (theirs != mine)
      throw Error("WORLD_SIZE is " + mine + " on rank " + std::to_string(env.rank) + " but " + theirs +
                  " on rank " + std::to_string(r) + ": every rank must be started with the same WORLD_SIZE");
  };
  try {
    if (env.isMain()) {
      state();
      for (int r = 1; r < env.worldSize; ++r) check(r, store.get(key(r)));
    } else {
      const auto rankZero = store.get(key(0));
      state();  // stated even when it differs, so rank 0 reports the mismatch too
      check(0, rankZero);
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(env.rank) + " of " + mine + ": not every rank joined at " +
                whereRankZero(env) + " within " + std::to_string(env.timeoutSeconds) +
                " s (is WORLD_SIZE right, and has every rank been started?): " + firstLine(e.what()));
  }
  try {
    auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
    glooOptions->devices.push_back(glooDevice(env));
    glooOptions->threads = 2;
    connection_->group =
        c10::make_intrusive<c10d::ProcessGroupGloo>(connection_->store, env.rank, env.worldSize, glooOptions);
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(env.rank) + " of " + mine +
                " could not connect to the other ranks: " + firstLine(e.what()));
  }
}

RankGroup::~RankGroup() = default;

double RankGroup::averageGradients(const std::vector<torch::Tensor>& parameters, std::int64_t bucketBytes) {
  const auto start = Clock::now();
  torch::NoGradGuard noGrad;
  // Buckets of consecutive parameters, each reduced as one flat float tensor on the CPU.
  struct Bucket {
    std::vector<torch::Tensor> params;
    torch::Tensor flat;
  };
  std::vector<Bucket> buckets(1);
  std::int64_t bytes = 0;
  for (const auto& p : parameters) {
    if (bytes > 0 && bytes + p.numel() * 4 > bucketBytes) {
      buckets.emplace_back();
      bytes = 0;
    }
    buckets.back().params.push_back(p);
    bytes += p.numel() * 4;
  }
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  try {
    for (auto& b : buckets) {
      std::vector<torch::Tensor> pieces;
      for (const auto& p : b.params) {
        const auto g = p.grad().defined() ? p.grad() : torch::zeros_like(p);
        pieces.push_back(g.detach().to(torch::kCPU, torch::kFloat).reshape({-1}));
      }
      if (pieces.empty()) continue;
      b.flat = torch::cat(pieces);
      std::vector<torch::Tensor> one{b.flat};
      works.push_back(connection_->group->allreduce(one));
    }
    for (auto& w : works) w->wait();
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) +
                ": the gradient all-reduce failed: another rank died, was stopped or did not answer within " +
                std::to_string(env_.timeoutSeconds) + " s (" + firstLine(e.what()) + ")");
  }
  const double scale = 1.0 / env_.worldSize;
  for (auto& b : buckets) {
    if (!b.flat.defined()) continue;
    std::int64_t offset = 0;
    for (auto& p : b.params) {
      const auto n = p.numel();
      const auto mean = b.flat.slice(0, offset, offset + n).view(p.sizes()).mul(scale);
      if (p.grad().defined())
        p.mutable_grad().copy_(mean);
      else
        p.mutable_grad() = mean.to(p.device(), p.scalar_type());
      offset += n;
    }
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<double> RankGroup::sum(const std::vector<double>& values) {
  auto t = torch::tensor(values, torch::kDouble);
  std::vector<torch::Tensor> one{t};
  try {
    connection_->group->allreduce(one)->wait();
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) +
                ": an all-reduce failed: another rank died, was stopped or did not answer within " +
                std::to_string(env_.timeoutSeconds) + " s (" + firstLine(e.what()) + ")");
  }
  return {t.data_ptr<double>(), t.data_ptr<double>() + t.numel()};
}

void RankGroup::broadcastFromMain(const std::vector<torch::Tensor>& tensors) {
  torch::NoGradGuard noGrad;
  for (const auto& t : tensors) {
    std::vector<torch::Tensor> one{t.detach().to(torch::kCPU).contiguous()};
    try {
      connection_->group->broadcast(one)->wait();
    } catch (const std::exception& e) {
      throw Error("rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) +
                  ": the broadcast of rank 0's weights failed (" + firstLine(e.what()) + ")");
    }
    t.copy_(one.front());
  }
}

}  // namespace w4rl::learning
