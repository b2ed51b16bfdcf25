"""The seed notebook's code, unchanged in substance, for timing it (bench/run.sh) and for measuring its accuracy
over seeds (bench/agreement.sh).

    notebook_pytorch.py ROOT [THREADS] [--seed S] [--json FILE]

Reads MNIST from the raw IDX files BN Lab verified (torchvision's MNIST accepts them offline under
<root>/MNIST/raw/), trains both networks with batch 64, SGD momentum 0.9, lr 0.01, 3 epochs, and prints
the notebook's lines and accuracies. As in the notebook, one torch seed (torch.manual_seed(S) at the start,
default 0) fixes everything: the plain network's weights, its three epochs of shuffles, then the BN
network's weights and shuffles (the two networks see different data orders and start from unrelated weights).

The notebook measures test accuracy without model.eval(): its BN network normalises each test batch of 64
with that batch's own statistics. That is the line "Accuracy with Batch Normalization". The BN network is also
measured with model.eval() (BN's running averages, as BN Lab and DL4J evaluate): "BN network with model.eval()".
It is measured that way first, so the test batches cannot move the running averages it uses; the notebook's
way does not read them. --json FILE writes the seed's accuracies and time as JSON.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.optim as optim
import torchvision
import torchvision.transforms as transforms

parser = argparse.ArgumentParser()
parser.add_argument("root")
parser.add_argument("threads", nargs="?", type=int, default=2)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--json")
args = parser.parse_args()
root = args.root
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
start = time.time()

transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
trainset = torchvision.datasets.MNIST(root=root, train=True, download=False, transform=transform)
trainloader = torch.utils.data.DataLoader(trainset, batch_size=64, shuffle=True)


class Net(nn.Module):
    def __init__(self, use_batch_norm=False):
        super(Net, self).__init__()
        self.use_batch_norm = use_batch_norm
        self.fc1 = nn.Linear(28 * 28, 512)
        self.fc2 = nn.Linear(512, 256)
        self.fc3 = nn.Linear(256, 10)
        if use_batch_norm:
            self.bn1 = nn.BatchNorm1d(512)
            self.bn2 = nn.BatchNorm1d(256)

    def forward(self, x):
        x = x.view(-1, 28 * 28)
        x = torch.relu(self.fc1(x))
        if self.use_batch_norm:
            x = self.bn1(x)
        x = torch.relu(self.fc2(x))
        if self.use_batch_norm:
            x = self.bn2(x)
        return self.fc3(x)


def train_model(model, criterion, optimizer, epochs=3):
    for epoch in range(epochs):
        running_loss = 0.0
        for i, data in enumerate(trainloader, 0):
            inputs, labels = data
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
            if i % 100 == 99:
                print('[%d, %5d] loss: %.3f' % (epoch + 1, i + 1, running_loss / 100))
                running_loss = 0.0


model_no_bn = Net(use_batch_norm=False)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model_no_bn.parameters(), lr=0.01, momentum=0.9)
print("Training without Batch Normalization:")
train_model(model_no_bn, criterion, optimizer)

model_with_bn = Net(use_batch_norm=True)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model_with_bn.parameters(), lr=0.01, momentum=0.9)
print("\nTraining with Batch Normalization:")
train_model(model_with_bn, criterion, optimizer)

testset = torchvision.datasets.MNIST(root=root, train=False, download=False, transform=transform)
testloader = torch.utils.data.DataLoader(testset, batch_size=64, shuffle=False)


def get_accuracy(model, dataloader):
    """The notebook's function: no model.eval(), so BN uses each test batch's own statistics."""
    correct = 0
    total = 0
    with torch.no_grad():
        for inputs, labels in dataloader:
            _, predicted = torch.max(model(inputs).data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
    return correct / total


def get_accuracy_eval(model, dataloader):
    """The same with model.eval(): BN uses its running averages. Puts the model back in training mode."""
    model.eval()
    try:
        return get_accuracy(model, dataloader)
    finally:
        model.train()


bn_eval = get_accuracy_eval(model_with_bn, testloader)  # first: the notebook's pass below moves the running averages
plain = get_accuracy(model_no_bn, testloader)
bn_batch = get_accuracy(model_with_bn, testloader)
seconds = time.time() - start
print("\nAccuracy without Batch Normalization: {:.2%}".format(plain))
print("Accuracy with Batch Normalization: {:.2%}".format(bn_batch))
print("BN network with model.eval(): {:.2%}".format(bn_eval))
print("notebook seconds: %.1f" % seconds)
if args.json:
    with open(args.json, "w") as f:
        json.dump({"seed": args.seed, "threads": args.threads, "torch": torch.__version__,
                   "plain": plain, "bn_batch_statistics": bn_batch, "bn_eval": bn_eval,
                   "seconds": round(seconds, 1)}, f, indent=2)
        f.write("\n")
