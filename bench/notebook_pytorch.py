"""The seed notebook's code, unchanged in substance, for timing it on this machine (bench/run.sh).

Reads MNIST from the raw IDX files BN Lab verified (torchvision's MNIST accepts them offline under
<root>/MNIST/raw/), trains both networks with batch 64, SGD momentum 0.9, lr 0.01, 3 epochs, and prints
the notebook's lines and accuracies.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.optim as optim
import torchvision
import torchvision.transforms as transforms

root = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)
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
    correct = 0
    total = 0
    model.eval()
    with torch.no_grad():
        for inputs, labels in dataloader:
            _, predicted = torch.max(model(inputs).data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
    return correct / total


print("\nAccuracy without Batch Normalization: {:.2%}".format(get_accuracy(model_no_bn, testloader)))
print("Accuracy with Batch Normalization: {:.2%}".format(get_accuracy(model_with_bn, testloader)))
print("notebook seconds: %.1f" % (time.time() - start))
